/**
 * Query strings as Envoy's `Http::Utility::QueryParamsMulti` handles them for jwt_authn's
 * `from_params` (`parseAndDecodeQueryString`, `replaceQueryString`): keys and values are
 * percent-decoded (no `+` → space), a parameter without `=` has the value `""`, and the map is
 * ordered by key, so rebuilding the path after removing a token re-sorts and decodes the rest.
 */

const HEX = /^[0-9A-Fa-f]{2}$/;

/** Envoy `PercentEncoding::decode`: `%XX` with two hex digits becomes that byte; anything else stays. */
export function percentDecode(s: string): string {
  if (!s.includes('%')) return s;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25 && i + 2 < s.length && HEX.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c < 0x80) {
      bytes.push(c);
    } else {
      for (const b of Buffer.from(s[i] ?? '', 'utf8')) bytes.push(b);
    }
  }
  // latin1 keeps every decoded byte as one code unit, so nothing is lost or replaced.
  return Buffer.from(bytes).toString('latin1');
}

/**
 * The first value of parameter `key` in `path` (Envoy `getFirstValue`): the first occurrence in the
 * query, since values keep their order of appearance. Avoids building the whole map per request.
 */
export function firstQueryValue(path: string, key: string): string | undefined {
  const q = path.indexOf('?');
  if (q < 0) return undefined;
  let end = path.indexOf('#', q);
  if (end < 0) end = path.length;
  let start = q + 1;
  while (start < end) {
    let stop = path.indexOf('&', start);
    if (stop < 0 || stop > end) stop = end;
    const eq = path.indexOf('=', start);
    const hasValue = eq >= 0 && eq < stop;
    const rawKey = path.slice(start, hasValue ? eq : stop);
    if (percentDecode(rawKey) === key) return hasValue ? percentDecode(path.slice(eq + 1, stop)) : '';
    start = stop + 1;
  }
  return undefined;
}

/** Parameters of `path` in key order, each with all its values in order. */
export function parseQuery(path: string): Map<string, string[]> {
  const params = new Map<string, string[]>();
  const q = path.indexOf('?');
  if (q < 0) return params;
  let query = path.slice(q + 1);
  const hash = query.indexOf('#');
  if (hash >= 0) query = query.slice(0, hash);
  let start = 0;
  while (start < query.length) {
    let end = query.indexOf('&', start);
    if (end < 0) end = query.length;
    const param = query.slice(start, end);
    const eq = param.indexOf('=');
    const key = percentDecode(eq < 0 ? param : param.slice(0, eq));
    const value = eq < 0 ? '' : percentDecode(param.slice(eq + 1));
    const list = params.get(key);
    if (list) list.push(value);
    else params.set(key, [value]);
    start = end + 1;
  }
  return new Map([...params.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** `path` without parameter `key`; the remaining query is rebuilt as Envoy's `toString` prints it. */
export function removeQueryParam(path: string, key: string): string {
  const params = parseQuery(path);
  params.delete(key);
  const q = path.indexOf('?');
  const base = q < 0 ? path : path.slice(0, q);
  if (params.size === 0) return base;
  const parts: string[] = [];
  for (const [k, values] of params) for (const v of values) parts.push(`${k}=${v}`);
  return `${base}?${parts.join('&')}`;
}
