import './polyfills';
import { screen, waitFor } from '@testing-library/react';
import { createOfficeActions } from '../../src/taskpane/actions';
import { SignView } from '../../src/taskpane/views/SignView';
import { demoPassphrase, examplePlan, fillAll, logKinds, renderWithProviders, rowOf, scoreBook, type ScoreBook } from './support';

const plan = examplePlan();
jest.setTimeout(60_000); // scrypt key derivation (≈1 s each) and full workflows
let book: ScoreBook;
let uninstall: () => void;

beforeEach(() => {
  book = scoreBook(plan, 'u01', {}, { 备注: { values: [['备注']] } });
  fillAll(book, ['2.1']);
  uninstall = book.double.install();
});
afterEach(() => uninstall());

type User = ReturnType<typeof renderWithProviders>['user'];

async function openAs(person: string, label: string, passphrase = demoPassphrase(person)): Promise<User> {
  const { user } = renderWithProviders(<SignView actions={createOfficeActions()} />);
  await screen.findByText(/单位：城关镇（u01）/);
  await user.selectOptions(screen.getByLabelText('我是'), person);
  await user.type(screen.getByLabelText('口令'), passphrase);
  await user.click(screen.getByRole('button', { name: '解锁' }));
  if (passphrase === demoPassphrase(person)) await screen.findByText(`已解锁：${label}`, {}, { timeout: 10_000 });
  return user;
}

async function signBlock(user: User, block: string, role: '考核人' | '复查人' = '考核人'): Promise<void> {
  await user.click(screen.getByRole('radio', { name: role }));
  await user.click(screen.getByRole('radio', { name: '整块' }));
  await user.selectOptions(screen.getByLabelText('考核块'), block);
  book.double.resetCounters();
  await user.click(screen.getByRole('button', { name: '签字' }));
}

describe('Sign view over the Excel double', () => {
  test('signs a whole block as scorer: one read sync, one write sync, one to protect and read the log row back; names written from the log', async () => {
    const user = await openAs('p01', '张伟（纪委监察局）');
    await signBlock(user, '1');
    expect(await screen.findByText('已以考核人身份签字 4 项：1.1 1.2 1.3 1.4')).toBeInTheDocument();
    expect(book.double.syncCount).toBe(3);
    expect(logKinds(book.double)).toEqual(['plan', 'signature']);
    expect(book.double.cell(book.tpl.sheetName, `I${rowOf(book.tpl, '1.1')}`).value).toBe('张伟（纪委监察局）');
    expect(book.double.cell(book.tpl.sheetName, `K${rowOf(book.tpl, '1.1')}`).value).toBe('待复查人签字');
  });

  test('shows the core refusal and writes nothing when the same person would review their own scoring', async () => {
    const user = await openAs('p01', '张伟（纪委监察局）');
    await signBlock(user, '1');
    await screen.findByText(/已以考核人身份签字 4 项/);
    await signBlock(user, '1', '复查人');
    const bar = await screen.findByRole('alert');
    expect(bar).toHaveTextContent('未能完成');
    expect(bar).toHaveTextContent('1.1 的考核人与复查人不能是同一人');
    expect(book.double.syncCount).toBe(1); // the read only
    expect(logKinds(book.double)).toEqual(['plan', 'signature']);
  });

  test('refuses items with errors, naming them', async () => {
    const user = await openAs('p01', '张伟（纪委监察局）');
    await user.click(screen.getByRole('radio', { name: '整块' }));
    await user.selectOptions(screen.getByLabelText('考核块'), '2');
    await user.click(screen.getByRole('button', { name: '签字' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/2\.1 尚有错误，请先修正：.*未填写得分/);
    expect(logKinds(book.double)).toEqual(['plan']);
  });

  test('signs the selected rows; rows of another group are refused with the reason', async () => {
    const actions = createOfficeActions();
    const user = await openAs('p04', '张伟（县发改局）');
    await actions.selectCell(book.tpl.sheetName, `A${rowOf(book.tpl, '3.1')}:M${rowOf(book.tpl, '3.2')}`);
    book.double.resetCounters();
    await user.click(screen.getByRole('button', { name: '签字' })); // scope: the selected rows (default)
    expect(await screen.findByText('已以考核人身份签字 2 项：3.1 3.2')).toBeInTheDocument();
    expect(book.double.syncCount).toBe(4); // the selection's own sync, the read, the write, the read-back

    // several areas selected: "select one block of rows", nothing read or written
    const warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    book.double.selectOther('multiArea');
    book.double.resetCounters();
    await user.click(screen.getByRole('button', { name: '签字' }));
    expect(await screen.findByText('请只选中一块连续的行（不要选多个区域、图表或形状），再重试。')).toBeInTheDocument();
    expect(book.double.syncCount).toBe(1);
    expect(warn).toHaveBeenCalledWith('ScoreSeal: InvalidSelection');
    warn.mockRestore();

    await actions.selectCell(book.tpl.sheetName, `E${rowOf(book.tpl, '1.1')}`);
    await user.click(screen.getByRole('button', { name: '签字' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('1.1 属于 G1 组，张伟（县发改局） (p04) 未分在该组');
  });

  test('a selection on another sheet is refused', async () => {
    const user = await openAs('p04', '张伟（县发改局）');
    await createOfficeActions().selectCell('备注', 'A1');
    await user.click(screen.getByRole('button', { name: '签字' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(`选中的单元格不在“${book.tpl.sheetName}”上`);
    expect(logKinds(book.double)).toEqual(['plan']);
  });

  test('a wrong passphrase does not unlock', async () => {
    await openAs('p01', '张伟（纪委监察局）', 'not my passphrase at all');
    expect(await screen.findByText('口令与考核方案中登记的公钥不符。', {}, { timeout: 10_000 })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: '签字' })).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByLabelText<HTMLInputElement>('口令').value).toBe(''));
  });
});
