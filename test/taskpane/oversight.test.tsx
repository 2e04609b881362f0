import './polyfills';
import { screen, within } from '@testing-library/react';
import { LOG_SHEET } from '../../src/core/sheet/layout';
import { createOfficeActions } from '../../src/taskpane/actions';
import { OversightView } from '../../src/taskpane/views/OversightView';
import {
  demoKey,
  demoPassphrase,
  examplePlan,
  fillAll,
  logKinds,
  renderWithProviders,
  scoreBook,
  signAll,
  type ScoreBook,
} from './support';

const plan = examplePlan();
jest.setTimeout(120_000); // scrypt key derivation (≈1 s each) and full workflows
let book: ScoreBook;
let uninstall: () => void;

beforeAll(async () => {
  await Promise.all(['p01', 'p02', 'p04', 'p05', 'p07', 'p09'].map((id) => demoKey(plan, id)));
});
beforeEach(() => {
  book = scoreBook(plan, 'u01');
  fillAll(book);
  uninstall = book.double.install();
});
afterEach(() => uninstall());

async function openAsOversight(): Promise<ReturnType<typeof renderWithProviders>['user']> {
  const { user } = renderWithProviders(<OversightView actions={createOfficeActions()} />);
  await screen.findByText(/单位：城关镇（u01）/);
  await user.selectOptions(screen.getByLabelText('我是'), 'o01');
  await user.type(screen.getByLabelText('口令'), demoPassphrase('o01'));
  await user.click(screen.getByRole('button', { name: '解锁' }));
  await screen.findByText('已解锁：李娜', {}, { timeout: 10_000 });
  return user;
}

describe('Oversight view over the Excel double', () => {
  test('refuses to draw the sample before every item is signed by both appraisers', async () => {
    const user = await openAsOversight();
    expect(screen.getByText(`双签完成：0/${plan.rubrics.get('township')!.leaves.length}`)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '抽取复核项目' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(/还有 \d+ 个项目未经考核人和复查人签字，不能抽取复核项目/);
    expect(logKinds(book.double)).toEqual(['plan']);
  });

  test('draws the sample, records re-checks, seals with a password and shows the seal code', async () => {
    await signAll(book);
    const leaves = plan.rubrics.get('township')!.leaves.length;
    const user = await openAsOversight();
    expect(screen.getByText(`双签完成：${leaves}/${leaves}`)).toBeInTheDocument();

    book.double.resetCounters();
    await user.click(screen.getByRole('button', { name: '抽取复核项目' }));
    const drawn = await screen.findByText(/^已抽取 \d+ 项：/);
    expect(book.double.syncCount).toBe(3); // read; write; protect and read the log row back
    const k = Math.ceil(plan.rubrics.get('township')!.data.sampleRatio * leaves);
    const sampled = drawn.textContent.replace(/^已抽取 \d+ 项：/, '').split(' ');
    expect(sampled).toHaveLength(k);
    expect(screen.getByText(`抽取复核：${k} 项`)).toBeInTheDocument();

    // sealing before the re-checks is refused
    await user.type(screen.getByLabelText('工作表保护密码'), 'envelope-42');
    await user.click(screen.getByRole('button', { name: '密封' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(`还有 ${k} 个抽中项目没有复核结果`);

    // the first sampled item adjusted (a note is required), the others confirmed
    const forms = sampled.map((code) => screen.getByRole('form', { name: new RegExp(`^${code.replace('.', '\\.')} `) }));
    const first = within(forms[0]!);
    await user.click(first.getByRole('radio', { name: '调整分数' }));
    await user.type(first.getByLabelText('复核分'), '1');
    await user.click(first.getByRole('button', { name: '保存复核' }));
    expect(await first.findByRole('alert')).toHaveTextContent('调整分数时必须填写复核意见');
    await user.type(first.getByLabelText('复核意见'), '现场核实，扣分依据不足');
    await user.click(first.getByRole('button', { name: '保存复核' }));
    expect(await first.findByText(`已保存 ${sampled[0]} 的复核结果。`)).toBeInTheDocument();
    for (const form of forms.slice(1)) {
      await user.click(within(form).getByRole('button', { name: '保存复核' }));
      await within(form).findByText(/的复核结果。$/);
    }
    expect(screen.getByText(`已复核：${k}/${k}`)).toBeInTheDocument();

    book.double.resetCounters();
    await user.click(screen.getByRole('button', { name: '密封' }));
    const code = await screen.findByTestId('seal-code');
    expect(book.double.syncCount).toBe(3);
    expect(code.textContent).toMatch(/^[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}$/i);
    expect(screen.getByText('已密封。请把密封码抄在信封上。')).toBeInTheDocument();
    // the sheet is protected with the chosen password; the code on the sheet is the one shown
    expect(book.double.protection(book.tpl.sheetName)).toMatchObject({ protected: true, password: 'envelope-42' });
    expect(book.double.structure().protected).toBe(true);
    const shown = book.double.dump(book.tpl.sheetName).values.flat();
    expect(shown).toContain(code.textContent);
    expect(logKinds(book.double).slice(-1)).toEqual(['seal']);
    expect(book.double.visibility(LOG_SHEET)).toBe('VeryHidden');
    // no more steps offered on a sealed sheet
    expect(screen.queryByRole('button', { name: '密封' })).not.toBeInTheDocument();
  });
});
