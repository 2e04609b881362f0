/**
 * Co-authoring: several people with the same workbook open (Excel on the web, or desktop with
 * AutoSave), each session a replica of its own. "All coauthors of a workbook can see another
 * coauthor's changes as soon as that coauthor saves the workbook" —
 * https://learn.microsoft.com/office/dev/add-ins/excel/co-authoring-in-excel-add-ins — so a
 * batch runs on its session's replica, and what it changed reaches the others later.
 *
 * The hub models exactly what ScoreSeal depends on:
 *  - every cell change (content or number format) and every new sheet of a batch is sent to
 *    the hub when the batch ends (`send`), stamped with the order it arrived in;
 *  - a session receives the others' changes at the start of its next batch (`receive`), once
 *    they are `latencyMs` old;
 *  - the same cell written by two sessions: the change that reached the hub later wins on every
 *    replica (so two sessions appending to `_scoreseal` at once both write "the next row", and
 *    the earlier record is lost silently unless the writer reads it back).
 * Not modelled: formats other than number formats, protection, validation, renames, deletions.
 */
import { ExcelDouble, type DoubleOptions, type WorkbookInit } from './double';
import { cloneWorkbook, type CellModel, type SheetModel, type WorkbookModel } from './model';

type Op =
  | { readonly kind: 'cell'; readonly sheet: string; readonly row: number; readonly col: number; readonly cell: CellModel | null }
  | { readonly kind: 'sheet'; readonly sheet: string; readonly visibility: SheetModel['visibility'] };

interface Sent {
  readonly seq: number;
  readonly time: number;
  readonly origin: ExcelDouble;
  readonly op: Op;
}

interface Replica {
  /** the index in `log` up to which this replica has looked */
  next: number;
  /** changes made by the batch now running, not yet sent */
  pending: (Op | { readonly kind: 'newSheet'; readonly sheet: SheetModel })[];
  /** the hub order of the last change applied to each cell ("sheet!row,col") */
  cellSeq: Map<string, number>;
}

export interface CoauthoringOptions {
  /** how old a change must be before other sessions receive it (default 0: at their next batch) */
  readonly latencyMs?: number;
}

export class CoauthoringHub {
  readonly sessions: ExcelDouble[] = [];
  latencyMs: number;
  private readonly log: Sent[] = [];
  private readonly replicas = new Map<ExcelDouble, Replica>();
  private receiving = false;

  constructor(options: CoauthoringOptions = {}) {
    this.latencyMs = options.latencyMs ?? 0;
  }

  /** `count` sessions with the same workbook open. */
  static open(
    init: WorkbookInit,
    count: number,
    options: CoauthoringOptions & DoubleOptions = {},
  ): { hub: CoauthoringHub; sessions: ExcelDouble[] } {
    const hub = new CoauthoringHub(options);
    const first = ExcelDouble.fromData(init, options);
    hub.join(first);
    for (let i = 1; i < count; i++) {
      const d = new ExcelDouble(options);
      d.model = cloneWorkbook(first.model);
      hub.join(d);
    }
    return { hub, sessions: hub.sessions };
  }

  /** Makes a double one of the sessions (its workbook must be a replica of the others'). */
  join(d: ExcelDouble): void {
    const replica: Replica = { next: this.log.length, pending: [], cellSeq: new Map() };
    this.replicas.set(d, replica);
    this.sessions.push(d);
    d.coauthoring = this;
    this.observe(d.model, replica);
  }

  private observe(wb: WorkbookModel, replica: Replica): void {
    const watch = (s: SheetModel): void => {
      s.onPut = (row, col, cell) => {
        if (!this.receiving) replica.pending.push({ kind: 'cell', sheet: s.name, row, col, cell: cell ? { ...cell } : null });
      };
    };
    wb.sheets.forEach(watch);
    wb.onNewSheet = (s) => {
      watch(s);
      if (!this.receiving) replica.pending.push({ kind: 'newSheet', sheet: s });
    };
  }

  /** The end of a batch of `d`: its changes go to the hub, in the order they were made. */
  send(d: ExcelDouble): void {
    const replica = this.replicas.get(d);
    if (!replica) return;
    const time = Date.now();
    for (const p of replica.pending.splice(0)) {
      // a new sheet travels with its visibility as the batch left it (added, then made very hidden)
      const op: Op = p.kind === 'newSheet' ? { kind: 'sheet', sheet: p.sheet.name, visibility: p.sheet.visibility } : p;
      const seq = this.log.length;
      this.log.push({ seq, time, origin: d, op });
      if (op.kind === 'cell') replica.cellSeq.set(cellKey(op.sheet, op.row, op.col), seq);
    }
  }

  /** The start of a batch of `d`: what the others sent (and is old enough) is merged in. */
  receive(d: ExcelDouble, all = false): void {
    const replica = this.replicas.get(d);
    if (!replica) return;
    const now = Date.now();
    this.receiving = true;
    try {
      while (replica.next < this.log.length) {
        const sent = this.log[replica.next]!;
        if (sent.origin !== d) {
          if (!all && now - sent.time < this.latencyMs) break;
          this.apply(d.model, replica, sent);
        }
        replica.next += 1;
      }
    } finally {
      this.receiving = false;
    }
  }

  /** Every session receives everything sent so far (the replicas converge). */
  settle(): void {
    for (const d of this.sessions) this.receive(d, true);
  }

  private apply(wb: WorkbookModel, replica: Replica, sent: Sent): void {
    const { op } = sent;
    if (op.kind === 'sheet') {
      const s = wb.find(op.sheet) ?? wb.newSheet(op.sheet);
      s.visibility = op.visibility;
      return;
    }
    const key = cellKey(op.sheet, op.row, op.col);
    // last writer wins: a change this replica already holds from later in the hub's order stays
    if ((replica.cellSeq.get(key) ?? -1) > sent.seq) return;
    const s = wb.find(op.sheet) ?? wb.newSheet(op.sheet);
    s.put(op.row, op.col, op.cell ? { ...op.cell } : { content: null, nf: undefined });
    replica.cellSeq.set(key, sent.seq);
  }
}

const cellKey = (sheet: string, row: number, col: number): string => `${sheet.toLowerCase()}!${row},${col}`;
