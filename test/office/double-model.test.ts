/**
 * The double's workbook model (excel-double/model.ts) against the documented behaviour: typed
 * entry through Range.values, including dates typed as text, which the API parses in the US
 * locale whatever the user's (office-js#1559).
 */
import { ExcelDouble } from '../support/excel-double';

async function enter(text: string, numberFormat?: string): Promise<unknown> {
  const d = ExcelDouble.fromData({ sheets: { S: numberFormat ? { numberFormat: [[numberFormat]] } : {} } });
  const ctx = d.newContext();
  ctx.workbook.worksheets.getItem('S').getRange('A1').values = [[text]];
  await ctx.sync();
  return d.cell('S', 'A1').value;
}

describe('excel double: typed entry (model.ts)', () => {
  it.each([
    ['1/2/2024', 45293], // 2 January 2024, US month/day — https://github.com/OfficeDev/office-js/issues/1559
    ['12/31/2023', 45291],
    ['1/2/24', 45293],
    ['2024-01-02', 45293],
    ['3/15/2023 10:00', 45000 + 10 / 24],
    ['3/15/2023 10:00 PM', 45000 + 22 / 24],
  ])('parses the date %s as its serial %d', async (text, serial) => {
    expect(await enter(text)).toBeCloseTo(serial, 10);
  });

  it.each(['13/1/2024', '2/30/2024', '1/2/2024x'])('keeps %s as text (not a US date)', async (text) => {
    expect(await enter(text)).toBe(text);
  });

  it('keeps a date typed into a text cell as text', async () => {
    expect(await enter('1/2/2024', '@')).toBe('1/2/2024');
  });

  it('parses numbers, percentages, booleans and errors, and keeps apostrophe text', async () => {
    expect(await enter('1.10')).toBe(1.1);
    expect(await enter('50%')).toBe(0.5);
    expect(await enter('true')).toBe(true);
    expect(await enter('#n/a')).toBe('#N/A');
    expect(await enter("'1.10")).toBe('1.10');
  });
});
