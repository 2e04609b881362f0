/**
 * No record lost under co-authoring: two sessions of the same workbook (the double's
 * CoauthoringHub, each session a replica; a change reaches the other after `latencyMs`) append
 * to `_scoreseal` at the same moment, so both write "the next free row" and the later write
 * wins there. The edge reads its append back in the same action (after `settleMs`) and appends
 * a lost record again at the next free row: every record survives, on every replica.
 */
import { decodeLog, encodeLogRow } from '../../src/core/sheet/log';
import { LOG_SHEET } from '../../src/core/sheet/layout';
import type { SheetPatch } from '../../src/core/sheet/patch';
import { applyPatch, OfficeEdgeError, readScoreSheet } from '../../src/office';
import { CoauthoringHub, type ExcelDouble } from '../support/excel-double';
import { col, examplePlan, leafRows, logInit, sheetInit, templateOf } from './fixtures';

const tpl = templateOf(examplePlan(), 'u01');
const init = { sheets: { [tpl.sheetName]: sheetInit(tpl), [LOG_SHEET]: logInit([tpl.planLogRow]) } };

const record = (who: string): string[] => encodeLogRow('note', { unit: 'u01', by: who, text: `record of ${who}` });
const patchOf = (who: string): SheetPatch => ({
  sheetName: tpl.sheetName,
  writes: [{ row: leafRows(tpl)[0]!, col: col('recheckNote'), values: [[who]] }],
  appendLog: [record(who)],
});

const logOf = (d: ExcelDouble): string[] =>
  decodeLog(d.dump(LOG_SHEET).values.map((r) => r.map((v) => (v === '' ? null : v)))).map((e) =>
    typeof e.record?.by === 'string' ? e.record.by : e.kind,
  );

/** One person's action: read (one sync), compute, write (the edge's applyPatch). */
async function act(d: ExcelDouble, who: string, settleMs: number): Promise<number> {
  return d.run(async (ctx) => {
    const read = await readScoreSheet(ctx, tpl.sheetName);
    const r = await applyPatch(ctx, patchOf(who), { state: read.state, settleMs });
    return r.syncs;
  });
}

describe('appending to _scoreseal under co-authoring', () => {
  it('without the read-back the race is real: the same row, the later write wins, a record is lost', async () => {
    const {
      hub,
      sessions: [a, b],
    } = CoauthoringHub.open(init, 2, { latencyMs: 1_000 });
    // what an append without verification does: the next free row, as each session sees it
    const append = (d: ExcelDouble, who: string): Promise<void> =>
      d.run(async (ctx) => {
        const row = ctx.workbook.worksheets
          .getItem(LOG_SHEET)
          .getUsedRange(true)
          .getLastRow()
          .getOffsetRange(1, 0)
          .getAbsoluteResizedRange(1, 2);
        row.numberFormat = [['@', '@']];
        row.values = [record(who).slice(0, 2)];
        await ctx.sync();
      });
    await Promise.all([append(a!, 'a'), append(b!, 'b')]);
    hub.settle();
    expect(logOf(a!)).toEqual(['plan', 'b']);
    expect(logOf(b!)).toEqual(['plan', 'b']);
  });

  it('two sessions signing at the same moment: both records survive, on both replicas', async () => {
    const {
      hub,
      sessions: [a, b],
    } = CoauthoringHub.open(init, 2, { latencyMs: 200 });
    // (a latency well above either session's own work, even on a loaded machine: with 20 ms, a
    // session slowed by the other suites could write after the first write had arrived, and the
    // two would not collide at all)
    const [syncsA, syncsB] = await Promise.all([act(a!, 'a', 600), act(b!, 'b', 600)]);
    hub.settle();
    for (const d of [a!, b!]) {
      const log = logOf(d);
      expect(log.slice().sort()).toEqual(['a', 'b', 'plan']);
      expect(log[0]).toBe('plan');
    }
    expect(logOf(a!)).toEqual(logOf(b!));
    // the session whose row was taken wrote again (and verified again): two more syncs
    expect([syncsA, syncsB].sort()).toEqual([2, 4]);
  });

  it('three sessions at once: every record survives', async () => {
    const { hub, sessions } = CoauthoringHub.open(init, 3, { latencyMs: 15 });
    await Promise.all(sessions.map((d, i) => act(d, `s${i}`, 50)));
    hub.settle();
    for (const d of sessions) expect(logOf(d).slice().sort()).toEqual(['plan', 's0', 's1', 's2']);
  });

  it('gives up with LogConflict when every attempt is taken', async () => {
    const {
      sessions: [a],
    } = CoauthoringHub.open(init, 1);
    let taken = 0;
    const e = await a!
      .run(async (ctx) => {
        const read = await readScoreSheet(ctx, tpl.sheetName);
        const sync = ctx.sync.bind(ctx);
        // after each sync, a pathological co-author writes over every log row below the plan row
        ctx.sync = (async () => {
          await sync();
          const rows = a!.dump(LOG_SHEET).values.length;
          for (let row = 2; row <= rows; row++) a!.type(LOG_SHEET, `B${row}`, `taken ${++taken}`);
        }) as typeof ctx.sync;
        return applyPatch(ctx, patchOf('a'), { state: read.state });
      })
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(OfficeEdgeError);
    expect((e as OfficeEdgeError).detail).toBe('LogConflict');
  });
});
