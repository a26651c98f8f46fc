/**
 * The request as jwt_authn sees and changes it: header lines (a name may repeat) and `:path`.
 * Providers run one after the other over the same state, so a header one provider removes or adds
 * is seen by the next, as in Envoy where every verifier shares the request's header map.
 */

interface HeaderLine {
  name: string;
  lower: string;
  value: string;
}

/** HTTP optional whitespace, which Envoy's codecs strip from both ends of a header value. */
function trimOws(v: string): string {
  let a = 0;
  let b = v.length;
  while (a < b && (v.charCodeAt(a) === 0x20 || v.charCodeAt(a) === 0x09)) a++;
  while (b > a && (v.charCodeAt(b - 1) === 0x20 || v.charCodeAt(b - 1) === 0x09)) b--;
  return a === 0 && b === v.length ? v : v.slice(a, b);
}

export class RequestState {
  private lines: HeaderLine[];
  path: string;

  constructor(headers: readonly (readonly [string, string])[], path: string) {
    // `map` allocates the exact length; indexing the pair avoids the iterator of a destructuring.
    this.lines = headers.map((h) => ({ name: h[0], lower: h[0].toLowerCase(), value: h[1] }));
    this.path = path;
  }

  /** Every value of a header, in order, with OWS trimmed as the codec would. */
  values(lower: string): string[] {
    const out: string[] = [];
    const lines = this.lines;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i] as HeaderLine;
      if (l.lower === lower) out.push(trimOws(l.value));
    }
    return out;
  }

  has(lower: string): boolean {
    const lines = this.lines;
    for (let i = 0; i < lines.length; i++) if ((lines[i] as HeaderLine).lower === lower) return true;
    return false;
  }

  /** Removes every line of a header (Envoy `HeaderMap::remove`). */
  remove(lower: string): void {
    const lines = this.lines;
    let kept: HeaderLine[] | undefined;
    for (let i = 0; i < lines.length; i++) {
      const l = lines[i] as HeaderLine;
      if (l.lower === lower) kept ??= lines.slice(0, i);
      else if (kept !== undefined) kept.push(l);
    }
    if (kept !== undefined) this.lines = kept;
  }

  /** Appends a line (Envoy `addCopy`); names Envoy adds are lower case. */
  add(lower: string, value: string): void {
    this.lines.push({ name: lower, lower, value });
  }

  /** The header lines to forward, original names kept for untouched lines. */
  toHeaders(): [string, string][] {
    return this.lines.map((l) => [l.name, l.value]);
  }
}
