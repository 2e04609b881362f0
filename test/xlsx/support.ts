/** Shared fixtures for the xlsx-edge tests: the example plan, temp dirs, zip inspection. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { loadPlan, type Plan } from '../../src/core/plan/plan';
import type { CellValue } from '../../src/core/sheet/cells';

export const EXAMPLE_PLAN_PATH = join(__dirname, '../../examples/plan.json');

/** The example plan JSON as an object. */
export function examplePlanJson(): unknown {
  return JSON.parse(readFileSync(EXAMPLE_PLAN_PATH, 'utf8')) as unknown;
}

/** The example plan, loaded and checked. */
export function examplePlan(): Plan {
  const r = loadPlan(examplePlanJson());
  if (!r.ok) throw new Error(`examples/plan.json does not load: ${JSON.stringify(r.issues)}`);
  return r.plan;
}

/** A fresh temp dir, removed by the returned cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'scoreseal-xlsx-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** One entry of a saved .xlsx, as text (an independent look at what was written). */
export async function zipText(path: string, entry: string): Promise<string> {
  const zip = await JSZip.loadAsync(readFileSync(path));
  const f = zip.file(entry);
  if (!f) throw new Error(`${entry} is not in ${path}`);
  return f.async('string');
}

/** Rows with trailing empty cells and trailing empty rows removed, for comparing grids. */
export function trimGrid(rows: readonly (readonly CellValue[])[]): CellValue[][] {
  const out = rows.map((r) => {
    const copy = [...r];
    while (copy.length && copy[copy.length - 1] === null) copy.pop();
    return copy;
  });
  while (out.length && out[out.length - 1]!.length === 0) out.pop();
  return out;
}
