/**
 * Index keys: for a matcher tree, the exact values one request attribute must take for the tree
 * to match at all. A leaf `:method exact GET` requires `method ∈ {GET}`; AND keeps every
 * constraint of its children (intersecting when two constrain the same single-valued attribute); OR keeps an
 * attribute only when every alternative constrains it (uniting the values); NOT, ANY and all
 * other leaves constrain nothing. The result is sound: a request whose attribute value is not in
 * the set cannot match, so the policy may be skipped for it.
 */

/**
 * Attributes with exact-value leaves worth hashing. `host` is the ASCII-lower-cased `:authority`;
 * `pathPrefix` a `/`-terminated prefix of the url path; `namespace` what follows a `/ns/` in a
 * peer principal (the `namespaces` regex shape).
 */
export type IndexAttr = 'path' | 'principal' | 'namespace' | 'pathPrefix' | 'host' | 'method' | 'port';

/** Attributes for which one request offers several values (several SANs, several prefixes). */
const MULTI_VALUED: ReadonlySet<IndexAttr> = new Set<IndexAttr>(['principal', 'namespace', 'pathPrefix']);

export type IndexKeys = ReadonlyMap<IndexAttr, ReadonlySet<string>>;

export function leafKeys(attr: IndexAttr, value: string): IndexKeys {
  return new Map([[attr, new Set([value])]]);
}

/** Constraints of an AND: all of them; two on one attribute intersect. */
export function intersectKeys(all: readonly IndexKeys[]): IndexKeys {
  const out = new Map<IndexAttr, ReadonlySet<string>>();
  for (const k of all) {
    for (const [attr, values] of k) {
      const prev = out.get(attr);
      if (!prev) out.set(attr, values);
      // A request may offer several values (a peer with several URI SANs, a path with several
      // prefixes), each AND branch satisfied by a different one: only one branch's set is then a
      // sound requirement. Single-valued attributes intersect.
      else if (MULTI_VALUED.has(attr)) out.set(attr, prev.size <= values.size ? prev : values);
      else out.set(attr, new Set([...prev].filter((v) => values.has(v))));
    }
  }
  return out;
}

/** Constraints of an OR: only attributes every alternative constrains, values united. */
export function unionKeys(all: readonly IndexKeys[]): IndexKeys {
  const out = new Map<IndexAttr, ReadonlySet<string>>();
  if (all.length === 0) return out;
  for (const [attr] of all[0] as IndexKeys) {
    if (!all.every((k) => k.has(attr))) continue;
    const u = new Set<string>();
    for (const k of all) for (const v of k.get(attr) as ReadonlySet<string>) u.add(v);
    out.set(attr, u);
  }
  return out;
}
