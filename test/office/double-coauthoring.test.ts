/**
 * The double's co-authoring (excel-double/coauthoring.ts): each session a replica; a batch's
 * changes reach the others at their next batch once `latencyMs` old; the same cell written by
 * two sessions keeps the change that reached the hub later, on every replica.
 */
import { CoauthoringHub } from '../support/excel-double';

const write = (d: CoauthoringHub['sessions'][number], a1: string, v: string): Promise<void> =>
  d.run(async (ctx) => {
    ctx.workbook.worksheets.getItem('S').getRange(a1).values = [[v]];
    await ctx.sync();
  });
const read = (d: CoauthoringHub['sessions'][number], a1: string): Promise<unknown> =>
  d.run(async (ctx) => {
    const r = ctx.workbook.worksheets.getItem('S').getRange(a1).load('values');
    await ctx.sync();
    const v: unknown = r.values[0]![0];
    return v;
  });

describe('excel double: co-authoring (coauthoring.ts)', () => {
  it('replicates a change at the other session’s next batch', async () => {
    const {
      sessions: [a, b],
    } = CoauthoringHub.open({ sheets: { S: {} } }, 2);
    await write(a!, 'A1', 'from a');
    expect(b!.cell('S', 'A1').value).toBe(''); // not before b's next batch
    expect(await read(b!, 'A1')).toBe('from a');
  });

  it('holds changes back for latencyMs', async () => {
    const {
      hub,
      sessions: [a, b],
    } = CoauthoringHub.open({ sheets: { S: {} } }, 2, { latencyMs: 40 });
    await write(a!, 'A1', 'late');
    expect(await read(b!, 'A1')).toBe('');
    await new Promise((r) => setTimeout(r, 50));
    expect(await read(b!, 'A1')).toBe('late');
    expect(hub.latencyMs).toBe(40);
  });

  it('the same cell written by both: the later write wins everywhere, the earlier is lost', async () => {
    const {
      hub,
      sessions: [a, b],
    } = CoauthoringHub.open({ sheets: { S: {} } }, 2, { latencyMs: 1_000 });
    await write(a!, 'A2', 'record of a');
    await write(b!, 'A2', 'record of b');
    hub.settle();
    expect(a!.cell('S', 'A2').value).toBe('record of b');
    expect(b!.cell('S', 'A2').value).toBe('record of b');
  });

  it('replicates new sheets with their visibility', async () => {
    const {
      hub,
      sessions: [a, b],
    } = CoauthoringHub.open({ sheets: { S: {} } }, 2);
    await a!.run(async (ctx) => {
      const log = ctx.workbook.worksheets.add('_scoreseal');
      log.visibility = 'VeryHidden';
      log.getRange('A1').values = [['plan']];
      await ctx.sync();
    });
    hub.settle();
    expect(b!.sheetNames()).toContain('_scoreseal');
    expect(b!.visibility('_scoreseal')).toBe('VeryHidden');
    expect(b!.cell('_scoreseal', 'A1').value).toBe('plan');
  });
});
