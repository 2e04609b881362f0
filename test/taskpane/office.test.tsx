import { COMPILE_CATALOGS } from '../../src/taskpane/compile/strings';
import './polyfills';
import { screen } from '@testing-library/react';
import { LOG_SHEET } from '../../src/core/sheet/layout';
import { createOfficeActions } from '../../src/taskpane/actions';
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
    expect(screen.getByText(/no rubric with id "nowhere"/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '单位!C4' }));
    expect(double.selection).toEqual({ sheet: '单位', address: 'C4' });
    expect(screen.queryByRole('button', { name: '生成考核表' })).not.toBeInTheDocument();
  });

  test('says so when Excel lacks data validation and print setup; the compile view sits below', async () => {
    const double = ExcelDouble.fromData({ sheets: setupSheets() }, { apiVersion: '1.7' });
    uninstall = double.install();
    const { user } = renderWithProviders(<OfficeView actions={createOfficeActions()} />);
    expect(screen.getByText(COMPILE_CATALOGS['zh-CN']['compile.heading'])).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '读取设置表' }));
    expect(await screen.findByText(/不支持数据验证（ExcelApi 1\.8）/)).toBeInTheDocument();
    expect(screen.getByText(/不支持打印设置（ExcelApi 1\.9）/)).toBeInTheDocument();
  });
});
