import './polyfills';
import { screen, within } from '@testing-library/react';
import { LOG_SHEET } from '../../src/core/sheet/layout';
import { createOfficeActions } from '../../src/taskpane/actions';
import { UI_CATALOGS } from '../../src/taskpane/i18n';
import { OfficeView } from '../../src/taskpane/views/OfficeView';
import { ExcelDouble } from '../support/excel-double';
import { rawExamplePlan, renderWithProviders, setupSheets } from './support';

let uninstall: () => void = () => undefined;
afterEach(() => uninstall());

describe('Office view over the Excel double', () => {
  test('reads the setup sheets and generates the chosen units’ score sheets', async () => {
    const double = ExcelDouble.fromData({ sheets: setupSheets() });
    uninstall = double.install();
    const { user } = renderWithProviders(<OfficeView actions={createOfficeActions()} />);
    await user.click(screen.getByRole('button', { name: '读取设置表' }));
    expect(await screen.findByText('2026年度争先创优考核：8 个单位，12 名人员')).toBeInTheDocument();

    await user.click(screen.getByRole('checkbox', { name: '全选' })); // all → none
    await user.click(screen.getByRole('checkbox', { name: '城关镇（u01）' }));
    await user.click(screen.getByRole('checkbox', { name: '县教育局（d01）' }));
    await user.click(screen.getByRole('button', { name: '生成考核表' }));
    expect(await screen.findByText('已生成：城关镇')).toBeInTheDocument();
    expect(screen.getByText('已生成：县教育局')).toBeInTheDocument();
    expect(double.sheetNames()).toEqual(expect.arrayContaining(['城关镇', '县教育局', LOG_SHEET]));
    expect(double.sheetNames()).not.toContain('河口镇');
    // the generated sheet is a score sheet the Validate view can read
    const report = (await createOfficeActions().loadSheet('城关镇')).report;
    expect(report.unit).toBe('u01');
    expect(report.findings.filter((f) => f.code === 'SHEET_LAYOUT')).toEqual([]);
  });

  test('lists PLAN_INVALID problems by sheet and cell; a click selects the cell', async () => {
    const raw = rawExamplePlan() as { units: { id: string; name: string; rubric: string }[] };
    raw.units[2]!.rubric = 'nowhere';
    const double = ExcelDouble.fromData({ sheets: setupSheets(raw) });
    uninstall = double.install();
    const { user } = renderWithProviders(<OfficeView actions={createOfficeActions()} />);
    await user.click(screen.getByRole('button', { name: '读取设置表' }));
    expect(await screen.findByText('设置表有 1 处问题：')).toBeInTheDocument();
    expect(screen.getByText('没有编号为“nowhere”的细则')).toBeInTheDocument(); // in the pane's language
    await user.click(screen.getByRole('button', { name: '单位!C4' }));
    expect(double.selection).toEqual({ sheet: '单位', address: 'C4' });
    expect(screen.queryByRole('button', { name: '生成考核表' })).not.toBeInTheDocument();
  });

  test('says so when Excel lacks data validation and print setup; the compile view sits below', async () => {
    const double = ExcelDouble.fromData({ sheets: setupSheets() }, { apiVersion: '1.7' });
    uninstall = double.install();
    const { user } = renderWithProviders(<OfficeView actions={createOfficeActions()} />);
    expect(screen.getByText(UI_CATALOGS['zh-CN']['compile.heading'])).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '读取设置表' }));
    expect(await screen.findByText(/不支持数据验证（ExcelApi 1\.8）/)).toBeInTheDocument();
    expect(screen.getByText(/不支持打印设置（ExcelApi 1\.9）/)).toBeInTheDocument();
  });
});

describe('the envelope register (封袋登记) in the Office view', () => {
  test('a code is normalised and written to a new 封袋登记 sheet; a malformed or repeated code is refused; a second code for a unit is named', async () => {
    const double = ExcelDouble.fromData({ sheets: setupSheets() });
    uninstall = double.install();
    const { user } = renderWithProviders(<OfficeView actions={createOfficeActions()} />);
    await user.click(screen.getByRole('button', { name: '读取设置表' }));
    const form = await screen.findByRole('form', { name: '封袋登记' });
    const code = within(form).getByLabelText('封袋上的密封码');
    const submit = within(form).getByRole('button', { name: '登记' });

    await user.type(code, 'XYZ-1');
    await user.click(submit);
    expect(await within(form).findByText(/“XYZ-1”不是密封码/)).toBeInTheDocument();
    expect(double.sheetNames()).not.toContain('封袋登记');

    await user.clear(code);
    await user.type(code, 'ab12 cd34-ef56 7890');
    await user.click(submit);
    expect(await within(form).findByText('已登记 城关镇（u01） 的密封码 AB12-CD34-EF56-7890（第 2 行）')).toBeInTheDocument();
    const rows = double.dump('封袋登记').values;
    expect(rows[0]).toEqual(['单位编号', '密封码', '收件日期', '状态']);
    expect([rows[1]![0], rows[1]![1], rows[1]![3]]).toEqual(['u01', 'AB12-CD34-EF56-7890', '有效']);
    expect(String(rows[1]![2])).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    await user.type(code, 'AB12CD34EF567890');
    await user.click(submit);
    expect(await within(form).findByText('城关镇（u01） 的这个密封码已经登记过')).toBeInTheDocument();

    await user.clear(code);
    await user.type(code, '0000-1111-2222-3333');
    await user.click(submit);
    expect(await within(form).findByText(/已登记有效密封码 AB12-CD34-EF56-7890/)).toBeInTheDocument();
    expect(double.dump('封袋登记').values).toHaveLength(3);
  });
});
