/** The `<workbookProtection>` element ExcelJS cannot express: reading it and writing it into xl/workbook.xml. */
import { hashPassword, passwordMatches } from '../../src/xlsx/password';
import { injectStructureProtection, parseStructureProtection } from '../../src/xlsx/structure';

const EXCELJS_XML =
  '<?xml version="1.0"?><workbook xmlns="m"><fileVersion appName="xl"/><workbookPr defaultThemeVersion="164011"/><sheets><sheet sheetId="1" name="A" r:id="rId1"/></sheets></workbook>';
const EXCEL_XML =
  '<x:workbook xmlns:x="m"><x:workbookPr/><x:workbookProtection workbookAlgorithmName="SHA-512" workbookHashValue="a&amp;b" lockStructure="1"/><x:bookViews><x:workbookView/></x:bookViews><x:sheets/></x:workbook>';

describe('parseStructureProtection', () => {
  it('reads the attributes, whatever the namespace prefix', () => {
    expect(parseStructureProtection(EXCEL_XML)).toEqual({ workbookAlgorithmName: 'SHA-512', workbookHashValue: 'a&b', lockStructure: '1' });
  });

  it('is null when there is none', () => {
    expect(parseStructureProtection(EXCELJS_XML)).toBeNull();
  });
});

describe('injectStructureProtection', () => {
  it('puts the element before <sheets> when there are no views, escaping values', () => {
    const out = injectStructureProtection(EXCELJS_XML, { lockStructure: '1', workbookHashValue: 'x"<y' });
    expect(out).toContain(
      '<workbookPr defaultThemeVersion="164011"/><workbookProtection lockStructure="1" workbookHashValue="x&quot;&lt;y"/><sheets>',
    );
    expect(parseStructureProtection(out)).toEqual({ lockStructure: '1', workbookHashValue: 'x"<y' });
  });

  it('replaces an existing element and puts it before <bookViews>', () => {
    const out = injectStructureProtection(EXCEL_XML, { lockStructure: '1' });
    expect(out.match(/workbookProtection/g)).toHaveLength(1);
    expect(out).toContain('<x:workbookPr/><workbookProtection lockStructure="1"/><x:bookViews>');
  });

  it('removes the element for null', () => {
    expect(injectStructureProtection(EXCEL_XML, null)).not.toContain('workbookProtection');
    expect(injectStructureProtection(EXCELJS_XML, null)).toBe(EXCELJS_XML);
  });
});

const KNOWN = '52ViMkL/DoIadn7ioCxfXTrJQL7dSRrsjgU/6qB57rsjx9fOXy2OULci/UwIazu9hWho29DbZQlc9X24aDuy5Q==';

describe('hashPassword', () => {
  it("matches Excel's SHA-512 scheme (known vector: ExcelJS's own implementation)", () => {
    // computed with exceljs/lib/utils/encryptor.js convertPasswordToHash('ScoreSeal', 'SHA512', salt, 1000)
    const salt = Buffer.alloc(16, 7).toString('base64');
    expect(hashPassword('ScoreSeal', salt, 1000).hashValue).toBe(KNOWN);
  });

  it('tells the right password from a wrong one', () => {
    const h = hashPassword('封存口令', undefined, 500);
    expect(passwordMatches('封存口令', h)).toBe(true);
    expect(passwordMatches('封存口令 ', h)).toBe(false);
  });
});
