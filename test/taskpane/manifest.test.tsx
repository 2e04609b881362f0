/**
 * manifest.xml, checked offline against what the add-in manifest schema (OfficeAppManifestV1_1,
 * TaskPaneAppVersionOverridesV1_0) requires — element order, required parts, string lengths —
 * and against this project: ExcelApi 1.7, the Home-tab button, zh-CN strings with en-US
 * overrides, and URLs that point at files the build emits. (`office-addin-manifest validate`
 * needs Microsoft's online service.)
 */
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');
const xml = readFileSync(join(ROOT, 'manifest.xml'), 'utf8');
const doc = new DOMParser().parseFromString(xml, 'application/xml');
const OV = 'http://schemas.microsoft.com/office/taskpaneappversionoverrides';
const BT = 'http://schemas.microsoft.com/office/officeappbasictypes/1.0';
const XSI = 'http://www.w3.org/2001/XMLSchema-instance';
const ORIGIN = 'https://localhost:3000/';

const children = (el: Element): Element[] => [...el.children];
const names = (el: Element): string[] => children(el).map((c) => c.localName);
const one = (el: Element, name: string): Element => {
  const found = children(el).filter((c) => c.localName === name);
  expect([name, found.length]).toEqual([name, 1]);
  return found[0]!;
};
const path = (...steps: string[]): Element => steps.reduce<Element>((el, s) => one(el, s), doc.documentElement);

/** PNG width and height from the IHDR chunk. */
function pngSize(file: string): [number, number] {
  const b = readFileSync(file);
  expect(b.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [b.readUInt32BE(16), b.readUInt32BE(20)];
}

describe('manifest.xml', () => {
  test('is well-formed, a TaskPaneApp with its elements in schema order', () => {
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    const root = doc.documentElement;
    expect(root.localName).toBe('OfficeApp');
    expect(root.getAttributeNS(XSI, 'type')).toBe('TaskPaneApp');
    // OfficeApp's sequence, then TaskPaneApp's extension
    const order = [
      'Id',
      'AlternateId',
      'Version',
      'ProviderName',
      'DefaultLocale',
      'DisplayName',
      'Description',
      'IconUrl',
      'HighResolutionIconUrl',
      'SupportUrl',
      'AppDomains',
      'Hosts',
      'Requirements',
      'DefaultSettings',
      'Permissions',
      'Dictionary',
      'VersionOverrides',
    ];
    const seen = names(root);
    expect(seen.filter((n) => !order.includes(n))).toEqual([]);
    expect(seen).toEqual([...seen].sort((a, b) => order.indexOf(a) - order.indexOf(b)));
    for (const required of [
      'Id',
      'Version',
      'ProviderName',
      'DefaultLocale',
      'DisplayName',
      'Description',
      'DefaultSettings',
      'Permissions',
    ])
      expect(seen).toContain(required);
    expect(path('Id').textContent).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(path('Version').textContent).toMatch(/^\d{1,5}(\.\d{1,5}){0,3}$/);
    expect(path('Permissions').textContent).toBe('ReadWriteDocument');
    expect(children(root).some((c) => c.localName === 'AppDomains')).toBe(false);
  });

  test('runs in Excel workbooks from ExcelApi 1.7', () => {
    expect(one(path('Hosts'), 'Host').getAttribute('Name')).toBe('Workbook');
    const sets = path('Requirements', 'Sets');
    expect(sets.getAttribute('DefaultMinVersion')).toBe('1.7');
    const set = one(sets, 'Set');
    expect([set.getAttribute('Name'), set.getAttribute('MinVersion')]).toEqual(['ExcelApi', '1.7']);
    expect(path('DefaultSettings', 'SourceLocation').getAttribute('DefaultValue')).toBe(`${ORIGIN}taskpane.html`);
  });

  test('zh-CN by default, with en-US overrides for every string, within the schema lengths', () => {
    expect(path('DefaultLocale').textContent).toBe('zh-CN');
    for (const [name, max] of [
      ['DisplayName', 125],
      ['Description', 250],
    ] as const) {
      const el = path(name);
      expect(el.getAttribute('DefaultValue')!.length).toBeLessThanOrEqual(max);
      expect(el.getElementsByTagName('Override')[0]?.getAttribute('Locale')).toBe('en-US');
    }
    const resources = doc.getElementsByTagNameNS(OV, 'Resources')[0]!;
    expect(names(resources)).toEqual(['Images', 'Urls', 'ShortStrings', 'LongStrings']);
    for (const [kind, max] of [
      ['ShortStrings', 125],
      ['LongStrings', 250],
    ] as const)
      for (const s of children(one(resources, kind))) {
        expect(s.namespaceURI).toBe(BT);
        expect(s.getAttribute('DefaultValue')!.length).toBeLessThanOrEqual(max);
        const overrides = children(s);
        expect(overrides.map((o) => o.getAttribute('Locale'))).toEqual(['en-US']);
        expect(overrides[0]!.getAttribute('Value')!.length).toBeLessThanOrEqual(max);
      }
  });

  test('a Home-tab button opens the task pane; every resid resolves; the function file is there', () => {
    const host = doc.getElementsByTagNameNS(OV, 'Host')[0]!;
    expect(host.getAttributeNS(XSI, 'type')).toBe('Workbook');
    const desktop = one(host, 'DesktopFormFactor');
    expect(names(desktop)).toEqual(['GetStarted', 'FunctionFile', 'ExtensionPoint']);
    const tab = path('VersionOverrides', 'Hosts', 'Host', 'DesktopFormFactor', 'ExtensionPoint', 'OfficeTab');
    expect(tab.getAttribute('id')).toBe('TabHome');
    const group = one(tab, 'Group');
    expect(names(group)).toEqual(['Label', 'Icon', 'Control', 'Control']);
    // the pane, and the self-test (自检) opening the same pane container on its view
    const controls = [...group.children].filter((c) => c.localName === 'Control');
    expect(controls.map((c) => c.getAttribute('id'))).toEqual(['ScoreSeal.OpenPane', 'ScoreSeal.SelfTest']);
    for (const control of controls) {
      expect(names(control)).toEqual(['Label', 'Supertip', 'Icon', 'Action']);
      const action = one(control, 'Action');
      expect(action.getAttributeNS(XSI, 'type')).toBe('ShowTaskpane');
      expect(one(action, 'TaskpaneId').textContent).toBe('ScoreSeal.Pane');
    }
    const control = controls[0]!;

    const ids = new Set([...doc.getElementsByTagNameNS(BT, '*')].map((e) => e.getAttribute('id')).filter(Boolean));
    const used = [...doc.querySelectorAll('[resid]')].map((e) => e.getAttribute('resid')!);
    expect(used.length).toBeGreaterThan(5);
    expect(used.filter((id) => !ids.has(id))).toEqual([]);
    for (const icon of [...group.getElementsByTagNameNS(BT, 'Image'), ...control.getElementsByTagNameNS(BT, 'Image')])
      expect(['16', '32', '80']).toContain(icon.getAttribute('size'));
  });

  test('every URL points at a file the build emits; the icons have their sizes', () => {
    const urls = [...xml.matchAll(/(?:DefaultValue|Value)="(https?:[^"]+)"/g)].map((m) => m[1]!);
    expect(urls.length).toBeGreaterThan(5);
    for (const url of urls) {
      expect(url.startsWith(ORIGIN)).toBe(true);
      const file = url.slice(ORIGIN.length).replace(/\?view=[a-z]+$/, '');
      if (file.startsWith('assets/')) expect(existsSync(join(ROOT, file))).toBe(true);
      else expect(['taskpane.html', 'commands.html']).toContain(file);
    }
    for (const image of doc.getElementsByTagNameNS(BT, 'Image')) {
      const id = image.getAttribute('id');
      if (!id) continue;
      const size = Number(/(\d+)x\1/.exec(id)![1]);
      const file = join(ROOT, image.getAttribute('DefaultValue')!.slice(ORIGIN.length));
      expect(pngSize(file)).toEqual([size, size]);
    }
    expect(pngSize(join(ROOT, 'assets/icon-32.png'))).toEqual([32, 32]);
    expect(pngSize(join(ROOT, 'assets/icon-64.png'))).toEqual([64, 64]);
    const webpack = readFileSync(join(ROOT, 'webpack.config.js'), 'utf8');
    expect(webpack).toContain("filename: 'taskpane.html'");
    expect(webpack).toContain("filename: 'commands.html'");
  });
});
