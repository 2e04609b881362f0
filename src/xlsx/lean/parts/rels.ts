/**
 * `xl/_rels/workbook.xml.rels`: where the workbook's sheets, shared strings and styles are.
 * External targets are never followed.
 */
import { readXmlPart, type PartContext } from '../xml';

/** One internal relationship: its type (the URI's last segment, e.g. `worksheet`) and the zip path it points at. */
export interface Relationship {
  readonly type: string;
  readonly path: string;
}

/** The relationships part of a part (`xl/workbook.xml` → `xl/_rels/workbook.xml.rels`). */
export function relsPathOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** Reads the relationships of `part` by id; empty when it has no relationships part. */
export function readRelationships(ctx: PartContext, part: string): ReadonlyMap<string, Relationship> {
  const rels = new Map<string, Relationship>();
  const entry = ctx.zip.find(relsPathOf(part));
  if (!entry) return rels;
  const base = part.slice(0, part.lastIndexOf('/') + 1);
  readXmlPart(ctx, entry, {
    open(name, attrs, depth) {
      if (depth !== 2 || name !== 'Relationship') return;
      const { Id: id, Type: type, Target: target, TargetMode: mode } = attrs;
      if (!id || !type || !target || mode === 'External' || rels.has(id)) return;
      rels.set(id, { type: type.slice(type.lastIndexOf('/') + 1), path: resolveTarget(base, target) });
    },
    close() {},
    text() {},
  });
  return rels;
}

/** A relationship target as a zip path: absolute ("/xl/…") or relative to `base` ("worksheets/…", "../…"). */
export function resolveTarget(base: string, target: string): string {
  let t = target;
  if (target.includes('%')) {
    try {
      t = decodeURIComponent(target);
    } catch {
      // not percent-encoded after all: use it as written
    }
  }
  const segments = t.startsWith('/') ? [] : base.split('/').filter(Boolean);
  for (const seg of t.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') segments.pop();
    else segments.push(seg);
  }
  return segments.join('/');
}
