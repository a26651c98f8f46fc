/**
 * A fast path for the regex shapes istiod emits most: literals joined by `.*` / `.+`
 * (`.+`, `spiffe://.*-suffix`, `.*` + `/ns/foo/` + `.*`). Such a regex is a glob: as a full
 * match it holds iff the input has no `\n` (RE2 `.` excludes it, and literals here cannot hold
 * it), starts with the first literal, ends with the last, and contains the middle ones in order
 * with the required gaps. Leftmost placement of each middle literal is optimal, so plain
 * `indexOf` decides it without backtracking. Anything else returns `undefined` and goes to RegExp.
 */

export interface GlobPattern {
  /** Literal pieces; gaps sit between consecutive pieces (pieces may be empty). */
  readonly pieces: readonly string[];
  /** Minimum length of each gap: 0 for `.*`, 1 for `.+`. */
  readonly gaps: readonly number[];
}

const META = new Set(['\\', '.', '+', '*', '?', '(', ')', '|', '[', ']', '{', '}', '^', '$']);

/** Parses a regex made only of literals (metas escaped as Go `QuoteMeta` does) and `.*` / `.+`. */
export function parseGlobRegex(re: string): GlobPattern | undefined {
  const pieces: string[] = [''];
  const gaps: number[] = [];
  for (let i = 0; i < re.length; i++) {
    const c = re[i] as string;
    if (c === '\\') {
      const n = re[i + 1];
      if (n === undefined || !META.has(n)) return undefined;
      pieces[pieces.length - 1] += n;
      i++;
    } else if (c === '.' && (re[i + 1] === '*' || re[i + 1] === '+')) {
      gaps.push(re[i + 1] === '+' ? 1 : 0);
      pieces.push('');
      i++;
    } else if (META.has(c) || c === '\n') {
      return undefined;
    } else {
      pieces[pieces.length - 1] += c;
    }
  }
  return { pieces, gaps };
}

/** Builds the matcher for a parsed glob. */
export function compileGlob(g: GlobPattern): (v: string) => boolean {
  const { pieces, gaps } = g;
  const first = pieces[0] as string;
  if (gaps.length === 0) return (v) => v === first;
  const last = pieces[pieces.length - 1] as string;
  const middle = pieces.slice(1, -1);
  const fixed = pieces.reduce((n, p) => n + p.length, 0) + gaps.reduce((n, x) => n + x, 0);
  return (v) => {
    if (v.length < fixed || !v.startsWith(first) || !v.endsWith(last) || v.includes('\n')) return false;
    let pos = first.length;
    for (let i = 0; i < middle.length; i++) {
      const idx = v.indexOf(middle[i] as string, pos + (gaps[i] as number));
      if (idx < 0) return false;
      pos = idx + (middle[i] as string).length;
    }
    return v.length - last.length >= pos + (gaps[gaps.length - 1] as number);
  };
}

/**
 * The namespace of the `namespaces` regex shape `.*` + `/ns/<ns>/` + `.*` (spec §2.4), if `g` is
 * exactly that with a literal namespace; an index can then hash the namespace.
 */
export function namespaceOfGlob(g: GlobPattern): string | undefined {
  if (g.gaps.length !== 2 || g.gaps[0] !== 0 || g.gaps[1] !== 0 || g.pieces[0] !== '' || g.pieces[2] !== '') return undefined;
  const m = /^\/ns\/([^/]+)\/$/.exec(g.pieces[1] as string);
  return m ? m[1] : undefined;
}

/** Every `<x>` that follows a `/ns/` in `s` and ends at a `/`: what `.*` + `/ns/<x>/` + `.*` can match. */
export function namespacesIn(s: string): string[] {
  const out: string[] = [];
  for (let i = s.indexOf('/ns/'); i >= 0; i = s.indexOf('/ns/', i + 1)) {
    const end = s.indexOf('/', i + 4);
    if (end > i + 4) out.push(s.slice(i + 4, end));
  }
  return out;
}
