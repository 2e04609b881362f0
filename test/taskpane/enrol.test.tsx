import './polyfills';
import { screen } from '@testing-library/react';
import { keyFingerprint } from '../../src/core/crypto/ed25519';
import { SETUP_SHEETS } from '../../src/core/plan/setup';
import { createOfficeActions } from '../../src/taskpane/actions';
import { EnrolView } from '../../src/taskpane/views/EnrolView';
import { ExcelDouble } from '../support/excel-double';
import { demoPassphrase, examplePlan, renderWithProviders, scoreBook } from './support';

const PASSPHRASE_LABEL = '口令（至少 10 个字符；不要用常见密码、生日或自己的姓名拼音）';

const plan = examplePlan();
jest.setTimeout(60_000); // scrypt key derivation (≈1 s each) and full workflows

describe('Enrol view', () => {
  let uninstall: () => void = () => undefined;
  afterEach(() => uninstall());

  async function openOnScoreSheet(copyText = jest.fn(async () => undefined)) {
    const book = scoreBook(plan, 'u01');
    uninstall = book.double.install();
    const r = renderWithProviders(<EnrolView actions={createOfficeActions()} copyText={copyText} />);
    await screen.findByText(`人员名单来自考核表“${book.tpl.sheetName}”：${plan.data.title}`);
    return { ...r, copyText };
  }

  async function enterTwice(user: ReturnType<typeof renderWithProviders>['user'], a: string, b = a): Promise<void> {
    await user.type(screen.getByLabelText(PASSPHRASE_LABEL), a);
    await user.type(screen.getByLabelText('再次输入口令'), b);
    await user.click(screen.getByRole('button', { name: '生成公钥' }));
  }

  test('refuses weak and mismatched passphrases and clears what was typed', async () => {
    const { user } = await openOnScoreSheet();
    await user.selectOptions(screen.getByLabelText('我是'), 'p02');
    await enterTwice(user, 'short');
    expect(await screen.findByText('口令太短：至少 10 个字符。')).toBeInTheDocument();
    expect(screen.getByLabelText<HTMLInputElement>(PASSPHRASE_LABEL).value).toBe('');
    await enterTwice(user, '12345678901234');
    expect(await screen.findByText('口令不能全是数字。')).toBeInTheDocument();
    // 刘芳 (p02): her name in pinyin with a birthday; a decorated common word
    await enterTwice(user, 'liufang19880808');
    expect(await screen.findByText('口令由本人的姓名、拼音、编号或单位拼成，容易猜到。请换一句只有自己知道的话。')).toBeInTheDocument();
    await enterTwice(user, 'Woaini@1314520');
    expect(await screen.findByText('口令太容易猜到（常见密码、键盘顺序或常见词加数字）。请换一句只有自己知道的话。')).toBeInTheDocument();
    expect(screen.queryByTestId('public-key')).not.toBeInTheDocument();
    await enterTwice(user, 'long enough phrase', 'long enough phrasE');
    expect(await screen.findByText('两次输入的口令不一致。')).toBeInTheDocument();
    expect(screen.queryByTestId('public-key')).not.toBeInTheDocument();
  });

  test('shows the public key, its fingerprint and whether it matches the plan; copies it', async () => {
    const { user, copyText } = await openOnScoreSheet();
    // two people named 张伟 are told apart by their department
    expect(screen.getByRole('option', { name: '张伟（纪委监察局）' })).toBeInTheDocument();
    expect(screen.getByRole('option', { name: '张伟（县发改局）' })).toBeInTheDocument();
    await user.selectOptions(screen.getByLabelText('我是'), 'p04');
    await enterTwice(user, demoPassphrase('p04'));
    const key = await screen.findByTestId('public-key', {}, { timeout: 10_000 });
    const expected = plan.people.get('p04')!.publicKey!;
    expect(key).toHaveTextContent(expected);
    expect(screen.getByTestId('fingerprint')).toHaveTextContent(keyFingerprint(expected));
    expect(screen.getByText('与考核方案中登记的公钥一致。')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '复制公钥' }));
    expect(copyText).toHaveBeenCalledWith(expected);
    expect(await screen.findByText('已复制到剪贴板。')).toBeInTheDocument();
  });

  test('a new passphrase gives a key that differs from the registered one', async () => {
    const { user } = await openOnScoreSheet(jest.fn(async () => Promise.reject(new Error('denied'))));
    await user.selectOptions(screen.getByLabelText('我是'), 'o01');
    await enterTwice(user, 'a brand new passphrase');
    await screen.findByTestId('public-key', {}, { timeout: 10_000 });
    expect(screen.getByText('与考核方案中登记的公钥不同：办公室需要更新登记。')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '复制公钥' }));
    expect(await screen.findByText('无法访问剪贴板，请手动选中公钥复制。')).toBeInTheDocument();
  });

  test('reads the roster from the setup sheets when the workbook has them', async () => {
    const double = ExcelDouble.fromData({
      sheets: {
        [SETUP_SHEETS.settings[0]]: {
          values: [
            ['项目', '值'],
            ['考核名称', '测试考核'],
          ],
        },
        [SETUP_SHEETS.rubrics[0]]: {
          values: [
            ['细则编号', '细则名称', '类别', '等次'],
            ['r1', '细则', '乡镇', '优秀:90、较差:0'],
          ],
        },
        [SETUP_SHEETS.items[0]]: {
          values: [
            ['细则编号', '编号', '上级编号', '考核项目', '分值', '考核组'],
            ['r1', '1', '', '项目一', 10, 'G1'],
          ],
        },
        [SETUP_SHEETS.people[0]]: {
          values: [
            ['编号', '姓名', '单位', '角色', '考核组'],
            ['a1', '甲', '某局', '考核人员', 'G1'],
          ],
        },
        [SETUP_SHEETS.units[0]]: {
          values: [
            ['编号', '名称', '细则编号'],
            ['u1', '某镇', 'r1'],
          ],
        },
      },
    });
    uninstall = double.install();
    renderWithProviders(<EnrolView actions={createOfficeActions()} />);
    expect(await screen.findByText('人员名单来自设置表：测试考核')).toBeInTheDocument();
    expect(screen.getByRole('option', { name: '甲' })).toBeInTheDocument();
  });
});
