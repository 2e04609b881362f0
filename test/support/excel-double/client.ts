/**
 * The proxy machinery shared by every proxy class (part of "proxies and sync"): lazily resolved
 * object paths, null objects, the base `ClientObject` with load-before-read (PropertyNotLoaded,
 * https://learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-core-concepts#load),
 * queued property writes and method calls, and requirement-set checks (ApiNotFound when the
 * host's ExcelApi version is below the member's set). The request context and `sync()` are in
 * proxies.ts.
 */
import { E, err, type RichApiError } from './errors';
import { SheetModel } from './model';
import type { DoubleContext } from './proxies';

export const NULL: unique symbol = Symbol('null object');
export type Resolved<T> = T | typeof NULL;

/** A lazily resolved object path; once resolved (instantiated) it keeps its target. */
export class Path<T> {
  private cached: { v: Resolved<T> } | null = null;
  constructor(private readonly compute: () => Resolved<T>) {}
  resolve(): Resolved<T> {
    this.cached ??= { v: this.compute() };
    return this.cached.v;
  }
  static of<T>(v: T): Path<T> {
    const p = new Path<T>(() => v);
    p.resolve();
    return p;
  }
  derive<U>(f: (t: T) => Resolved<U>): Path<U> {
    return new Path<U>(() => {
      const t = this.resolve();
      return t === NULL ? NULL : f(t);
    });
  }
}

export interface Commit {
  readonly bytes: number;
  apply(): void;
}

export interface Action {
  readonly bytes: number;
  readonly statement: string;
  run(commits: Commit[]): void;
}

export const utf8 = (s: string): number => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    n += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdbff ? (i++, 4) : 3;
  }
  return n;
};
export const jsonBytes = (v: unknown): number => utf8(JSON.stringify(v) ?? 'null');
export const ACTION_OVERHEAD = 48;

export interface Loadable {
  load(option?: string): unknown;
}

export interface PropSpec<T> {
  get?: (t: T, self: ClientObject<T>) => unknown;
  set?: (t: T, v: unknown, self: ClientObject<T>) => void;
  /** requirement set for reading/writing */
  api?: string;
  /** not part of a parameterless load() */
  explicit?: boolean;
}
export type Props<T> = Record<string, PropSpec<T>>;

/** A proxy bound to a worksheet that was deleted since fails like Excel (the item is gone). */
export function assertLive(t: unknown, statement: string): void {
  let sheet: unknown = t;
  if (!(t instanceof SheetModel) && t && typeof t === 'object' && 'sheet' in t) sheet = t.sheet;
  if (sheet instanceof SheetModel && sheet.deleted)
    throw err(E.itemNotFound, "The requested resource doesn't exist (the worksheet was deleted).", statement);
}

export const notLoaded = (type: string, prop: string): RichApiError =>
  err(
    E.propertyNotLoaded,
    `The property '${prop}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
    `${type}.${prop}`,
  );

/** Base of every proxy: load / read / write mechanics over a lazily resolved path. */
export abstract class ClientObject<T> {
  /** @internal */ readonly _loaded = new Map<string, unknown>();
  /** @internal */ _isNull: boolean | undefined;
  constructor(
    /** @internal */ readonly _ctx: DoubleContext,
    /** @internal */ readonly _path: Path<T>,
  ) {}
  abstract get _type(): string;
  protected get _props(): Props<T> {
    return {};
  }
  /** navigation properties, for load paths like "format/fill/color" */
  protected _nav(_name: string): Loadable | undefined {
    return undefined;
  }

  get context(): DoubleContext {
    return this._ctx;
  }
  get isNullObject(): boolean {
    if (this._isNull === undefined) throw notLoaded(this._type, 'isNullObject');
    return this._isNull;
  }

  /** Queues a load of scalar properties (and navigation paths "a/b/c"). */
  load(option?: string | string[] | { select?: string | string[] }): this {
    const list = parseLoad(option);
    const own: string[] = [];
    for (const p of list.length ? list : Object.keys(this._props).filter((k) => this._props[k]!.get && !this._props[k]!.explicit)) {
      const slash = p.indexOf('/');
      if (slash > 0) {
        const child = this._nav(p.slice(0, slash));
        if (!child) throw err(E.invalidArgument, `Cannot load "${p}" on ${this._type}.`, `${this._type}.load`);
        child.load(p.slice(slash + 1));
      } else if (this._props[p]?.get) own.push(p);
      else if (this._nav(p)) this._nav(p)!.load();
      else throw err(E.invalidArgument, `The property '${p}' does not exist on ${this._type}.`, `${this._type}.load`);
    }
    if (!own.length) return this;
    const statement = `${this._type}.load(${own.join(',')})`;
    for (const p of own) if (this._props[p]!.api && !this._ctx._require(this._props[p]!.api, statement)) return this;
    this._ctx._enqueue(statement, jsonBytes(own), (commits) => {
      const t = this._path.resolve();
      if (t === NULL) {
        commits.push({ bytes: 8, apply: () => (this._isNull = true) });
        return;
      }
      assertLive(t, statement);
      const snapshot = own.map((p) => [p, this._props[p]!.get!(t, this)] as const);
      commits.push({
        bytes: jsonBytes(snapshot),
        apply: () => {
          this._isNull = false;
          for (const [p, v] of snapshot) this._loaded.set(p, v);
        },
      });
    });
    return this;
  }

  /** @internal */ _read(prop: string): unknown {
    if (this._isNull) throw err(E.invalidArgument, `The object is a null object; '${prop}' cannot be read.`, `${this._type}.${prop}`);
    if (!this._loaded.has(prop)) throw notLoaded(this._type, prop);
    return this._loaded.get(prop);
  }
  /** @internal */ _write(prop: string, value: unknown): void {
    const spec = this._props[prop];
    const statement = `${this._type}.${prop} = …`;
    if (!spec?.set) throw err(E.invalidArgument, `The property '${prop}' is read-only.`, `${this._type}.${prop}`);
    if (spec.api && !this._ctx._require(spec.api, statement)) return;
    const copy: unknown = value === undefined ? undefined : JSON.parse(JSON.stringify(value));
    this._loaded.set(prop, copy);
    this._ctx._enqueue(statement, jsonBytes(copy), () => {
      const t = this._path.resolve();
      if (t === NULL) return;
      assertLive(t, statement);
      spec.set!(t, copy, this);
    });
  }
  /** @internal */ _method(name: string, args: unknown[], run: (t: T) => void, api?: string): void {
    const statement = `${this._type}.${name}()`;
    if (api && !this._ctx._require(api, statement)) return;
    this._ctx._enqueue(statement, jsonBytes(args), () => {
      const t = this._path.resolve();
      if (t === NULL) return;
      assertLive(t, statement);
      run(t);
    });
  }
  /** @internal */ _child<U, P extends { _isNull: boolean | undefined }>(
    make: new (ctx: DoubleContext, path: Path<U>) => P,
    f: (t: T) => Resolved<U>,
    name: string,
    api?: string,
  ): P {
    const statement = `${this._type}.${name}()`;
    const path = this._path.derive(f);
    const proxy = new make(this._ctx, path);
    if (api && !this._ctx._require(api, statement)) return proxy;
    // instantiate at this point of the batch, as Excel does for objects returned by methods
    this._ctx._enqueue(statement, 16, (commits) => {
      const v = path.resolve();
      commits.push({ bytes: 4, apply: () => (proxy._isNull = v === NULL) });
    });
    return proxy;
  }
}

export function parseLoad(option?: string | string[] | { select?: string | string[] }): string[] {
  if (option === undefined) return [];
  const raw = typeof option === 'string' || Array.isArray(option) ? option : (option.select ?? []);
  return (Array.isArray(raw) ? raw : raw.split(',')).map((s) => s.trim()).filter(Boolean);
}

/** Installs accessors for every property in a spec table on a proxy class. */
export function accessors<T>(cls: { prototype: object }, props: Props<T>): void {
  for (const [name, spec] of Object.entries(props))
    Object.defineProperty(cls.prototype, name, {
      configurable: true,
      get(this: ClientObject<T>) {
        return this._read(name);
      },
      set: spec.set
        ? function (this: ClientObject<T>, v: unknown) {
            this._write(name, v);
          }
        : undefined,
    });
}
