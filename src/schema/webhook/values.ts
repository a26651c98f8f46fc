/**
 * Reading a resource the way istiod's Go structs see it after JSON conversion: an absent or `null`
 * field is "not set", a list is a list even when empty, and anything of the wrong type is left to
 * the structural validator (these helpers then treat it as absent, so nothing is reported twice).
 */

export type Obj = Readonly<Record<string, unknown>>;

export function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The field when it is set (not absent, not null). */
export function field(o: unknown, name: string): unknown {
  if (!isObj(o)) return undefined;
  const v = o[name];
  return v === null ? undefined : v;
}

/** True when the field holds a value (Go: non-nil pointer / non-nil slice or map). */
export function isSet(o: unknown, name: string): boolean {
  return field(o, name) !== undefined;
}

/** The list under `name`, or undefined when absent, null or not a list. */
export function list(o: unknown, name: string): readonly unknown[] | undefined {
  const v = field(o, name);
  return Array.isArray(v) ? v : undefined;
}

/** The object under `name`, or undefined. */
export function obj(o: unknown, name: string): Obj | undefined {
  const v = field(o, name);
  return isObj(v) ? v : undefined;
}

/** The string under `name`; Go's zero value `""` when absent or not a string. */
export function str(o: unknown, name: string): string {
  const v = field(o, name);
  return typeof v === 'string' ? v : '';
}

/** Number of items of a list field (Go `len`), 0 when absent. */
export function count(o: unknown, name: string): number {
  return list(o, name)?.length ?? 0;
}

/** The items of a string list with their indexes; non-string items are skipped. */
export function stringItems(o: unknown, name: string): [index: number, value: string][] {
  const out: [number, string][] = [];
  list(o, name)?.forEach((v, i) => {
    if (typeof v === 'string') out.push([i, v]);
  });
  return out;
}
