import './polyfills';
import { screen, waitFor, within } from '@testing-library/react';
import { createOfficeActions } from '../../src/taskpane/actions';
import { ValidateView } from '../../src/taskpane/views/ValidateView';
import { examplePlan, fillAll, renderWithProviders, rowOf, scoreBook, type ScoreBook } from './support';

const plan = examplePlan();
let book: ScoreBook;
let uninstall: () => void;

beforeEach(() => {
  book = scoreBook(plan, 'u01');
  uninstall = book.double.install();
});
afterEach(() => uninstall());

const inputColumns = (b: ScoreBook): unknown[][] => b.double.dump(b.tpl.sheetName).formulas.map((r) => r.slice(4, 8));

describe('Validate view over the Excel double', () => {
  test('lists the score sheets of the workbook', async () => {
    renderWithProviders(<ValidateView actions={createOfficeActions()} />);
    expect(await screen.findByRole('button', { name: `核查 ${book.tpl.sheetName}` })).toBeInTheDocument();
  });

  test('groups findings by item with counts, writes statuses in one more sync, never touches inputs', async () => {
    fillAll(book, ['1.2']);
    book.double.type(book.tpl.sheetName, `E${rowOf(book.tpl, '1.1')}`, '99'); // over the max of 5
    const inputsBefore = inputColumns(book);
    book.double.resetCounters();
    const { user } = renderWithProviders(<ValidateView actions={createOfficeActions()} />);
    await screen.findByRole('button', { name: `核查 ${book.tpl.sheetName}` });
    const listingSyncs = book.double.syncCount;

    await user.click(screen.getByRole('button', { name: '核查当前工作表' }));
    await screen.findByText('已按签字记录更新“签字状态”等列。');
    expect(book.double.syncCount - listingSyncs).toBe(2); // one read, one write

    // item 1.1: out of range; item 1.2: score, completion and verification missing (basis is
    // required only for deductions in this rubric)
    const group11 = document.querySelector('[data-item="1.1"]') as HTMLElement;
    expect(within(group11).getByText(/1\.1 落实党风廉政建设责任制/)).toBeInTheDocument();
    expect(within(group11).getByText(/超出 0～5 分/)).toBeInTheDocument();
    const group12 = document.querySelector('[data-item="1.2"]') as HTMLElement;
    expect(within(group12).getAllByText('错误')).toHaveLength(3);
    expect(within(group12).getByText('3')).toBeInTheDocument(); // the group's error count
    expect(within(group12).getByText(/未填写得分/)).toBeInTheDocument();
    expect(within(group12).getByText(/未填写完成情况/)).toBeInTheDocument();
    expect(within(group12).getByText(/未填写核实方式/)).toBeInTheDocument();
    // the whole-sheet group comes first, then the items in sheet order
    const groups = [...document.querySelectorAll('[data-item]')].map((e) => e.getAttribute('data-item'));
    expect(groups.indexOf('1.1')).toBeLessThan(groups.indexOf('1.2'));
    expect(groups.indexOf('1.2')).toBeLessThan(groups.indexOf('2.1'));

    // statuses were written from the log; inputs are exactly as typed
    const statusOf = (code: string): unknown => book.double.cell(book.tpl.sheetName, `K${rowOf(book.tpl, code)}`).value;
    expect(statusOf('2.1')).toBe('待考核人签字');
    expect(statusOf('1.2')).toBe('待填写');
    expect(inputColumns(book)).toEqual(inputsBefore);
  });

  test('clicking a finding selects its cell', async () => {
    fillAll(book, ['1.3']);
    const { user } = renderWithProviders(<ValidateView actions={createOfficeActions()} />);
    await user.click(screen.getByRole('button', { name: '核查当前工作表' }));
    await user.click(await screen.findByText(/1\.3“信访件办理与案件查处”未填写得分/));
    await waitFor(() => expect(book.double.selection).toEqual({ sheet: book.tpl.sheetName, address: `E${rowOf(book.tpl, '1.3')}` }));
  });

  test('a second validation with nothing new writes nothing', async () => {
    fillAll(book);
    const actions = createOfficeActions();
    await actions.validate();
    book.double.resetCounters();
    const r = await actions.validate();
    expect(r.statuses).toBe('unchanged');
    expect(book.double.syncCount).toBe(1);
  });

  test('an Excel failure is shown as a localized message, never the raw error', async () => {
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { user } = renderWithProviders(<ValidateView actions={createOfficeActions()} />);
    await screen.findByRole('button', { name: `核查 ${book.tpl.sheetName}` });
    // a cell edit begun while the batch runs (delayForCellEdit only delays a batch's start)
    const { run } = book.double;
    book.double.run = (<T,>(options: { delayForCellEdit?: boolean }, batch: (c: Excel.RequestContext) => Promise<T>) =>
      run.call(book.double, options, async (context: Excel.RequestContext) => {
        book.double.editCell();
        return batch(context);
      })) as typeof run;
    await user.click(screen.getByRole('button', { name: '核查当前工作表' }));
    expect(await screen.findByText('Excel 正在编辑单元格。请先按 Enter 或 Esc 结束编辑，再重试。')).toBeInTheDocument();
    expect(screen.queryByText(/cell-editing mode/)).not.toBeInTheDocument();
    expect(warn).toHaveBeenCalledWith('ScoreSeal: InvalidOperationInCellEditMode'); // the code only, for developers
    warn.mockRestore();
    book.double.run = run;
    book.double.endCellEdit();
  });

  test('waits while a cell is being edited (delayForCellEdit), then validates', async () => {
    const { user } = renderWithProviders(<ValidateView actions={createOfficeActions()} />);
    await screen.findByRole('button', { name: `核查 ${book.tpl.sheetName}` });
    book.double.editCell();
    await user.click(screen.getByRole('button', { name: '核查当前工作表' }));
    await waitFor(() => expect(book.double.delayedRuns).toBe(1));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    book.double.endCellEdit();
    await waitFor(() => expect(document.querySelector('[data-item]')).not.toBeNull());
  });
});
