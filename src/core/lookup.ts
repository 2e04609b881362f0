/**
 * Lookup tables keyed by text a user typed (a cell, a sheet name, a code): without a
 * prototype, so "constructor", "toString" or "__proto__" finds nothing instead of a function
 * of Object.prototype, and assigning "__proto__" stores an entry instead of replacing the
 * prototype (issue 11).
 */
export function table<T>(entries: Readonly<Record<string, T>>): Readonly<Record<string, T | undefined>> {
  return Object.freeze(Object.assign(Object.create(null) as Record<string, T>, entries));
}

/** An empty object to fill by user-given keys (see `table`). */
export function bareRecord<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}
