/**
 * A fast reader for the YAML that manifests are made of, building meshward's value tree straight
 * from the text without the `yaml` package's CST and `Document` objects (which cost most of the
 * load time of large manifest sets).
 *
 * It accepts only a conservative subset and gives up (`undefined`) on anything else, so the caller
 * falls back to the full `yaml` path, which stays the reference for every error message and every
 * rare construct. The subset: `---` separated documents whose root is a block mapping or sequence;
 * block mappings and sequences (a sequence may sit at its parent key's indentation, an item may be
 * a compact mapping); single-line plain, double-quoted (no escapes) and single-quoted scalars;
 * single-line flow mappings and sequences. It gives up on comments, tabs, CR, control and special
 * characters, anchors, aliases, tags, merge keys, block scalars, explicit keys, directives, `...`,
 * multi-line scalars and flow collections, duplicate keys, null keys, trailing commas and on any
 * indentation the `yaml` package would reject. Within the subset the tree (values, styles and
 * offsets) is exactly the one `buildTree` makes from the `yaml` package's documents; a
 * differential property test (test/load/fast-parse.test.ts) holds the two paths equal.
 *
 * One file past the usual size on purpose: it is a single hand-written recursive-descent reader
 * whose states (block map, block sequence, flow collections, scalars) share the cursor and the
 * give-up rules; split, each part would need the others' internals.
 */
import type { MapEntry, MapNode, ScalarNode, SeqNode, YamlNode } from '../../schema/tree.js';
import { resolvePlainScalar } from './resolve-scalar.js';

/** One document of the stream: its index (empty documents counted) and its root, null when empty. */
export interface FastDocument {
  docIndex: number;
  root: YamlNode | null;
}

/** Thrown inside the reader to give up; never escapes {@link fastParseDocuments}. */
class GiveUp {}
const GIVE_UP = new GiveUp();

/** Characters that never occur in the subset, anywhere in the text. */
const OUTSIDE_SUBSET = /[\x00-\x09\x0b-\x1f\x7f-\x9f\ufeff\u2028\u2029\ud800-\udfff]/;

/** Same bound as buildTree: the subset has no aliases, so the expanded size is the node count. */
const MAX_NODES = 2_000_000;
/** The `yaml` package refuses implicit keys longer than 1024 characters. */
const MAX_KEY_LENGTH = 1000;

const NL = 10;
const SPACE = 32;
const DQUOTE = 34;
const SQUOTE = 39;
const HASH = 35;
const COLON = 58;
const COMMA = 44;
const DASH = 45;
const LBRACKET = 91;
const RBRACKET = 93;
const LBRACE = 123;
const RBRACE = 125;

/** Characters that may not start a plain scalar here (c-indicators); `-` is handled apart. */
const INDICATOR = new Uint8Array(128);
for (const c of '?:,[]{}#&*!|>\'"%@`') INDICATOR[c.charCodeAt(0)] = 1;

function isFlowIndicator(c: number): boolean {
  return c === COMMA || c === LBRACKET || c === RBRACKET || c === LBRACE || c === RBRACE;
}

const WS = /\s/;

interface KeyToken {
  /** The key as a string (plain keys typed the Kubernetes way, then printed). */
  key: string;
  /** The scalar's text, which the `yaml` package compares for duplicates. */
  raw: string;
  start: number;
  end: number;
  /** Offset just past the `:`. */
  after: number;
}

class Reader {
  private pos = 0;
  private nodes = 0;
  private readonly len: number;

  constructor(private readonly text: string) {
    this.len = text.length;
  }

  private code(i: number): number {
    return i < this.len ? this.text.charCodeAt(i) : -1;
  }

  private count(): void {
    if (++this.nodes > MAX_NODES) throw GIVE_UP;
  }

  /** `buildTree`'s end of a block collection: its range end with trailing whitespace dropped. */
  private trimmed(start: number, end: number): number {
    let e = end;
    while (e > start) {
      const c = this.text.charCodeAt(e - 1);
      if (c === SPACE || c === NL || (c > 127 && WS.test(this.text.charAt(e - 1)))) e--;
      else break;
    }
    return e;
  }

  /** From the start of a line: skips blank lines; the start of the next content line, or len. */
  private nextContentLine(from: number): number {
    let p = from;
    for (;;) {
      let q = p;
      while (q < this.len && this.text.charCodeAt(q) === SPACE) q++;
      if (q >= this.len) return this.len;
      if (this.text.charCodeAt(q) !== NL) return p;
      p = q + 1;
    }
  }

  private indentAt(lineStart: number): number {
    let q = lineStart;
    while (q < this.len && this.text.charCodeAt(q) === SPACE) q++;
    return q - lineStart;
  }

  /** A `---` line (exactly), a `...` or `---`-prefixed line (given up on), or neither. */
  private markerAt(lineStart: number): boolean {
    const t = this.text;
    if (lineStart + 3 > this.len) return false;
    const a = t.charCodeAt(lineStart);
    if ((a !== DASH && a !== 46) || t.charCodeAt(lineStart + 1) !== a || t.charCodeAt(lineStart + 2) !== a) return false;
    const next = this.code(lineStart + 3);
    if (a === DASH && (next === NL || next === -1)) return true;
    // `--- x`, `---  `, `...`: document markers with content, or document ends.
    if (next === NL || next === -1 || next === SPACE || a === 46) throw GIVE_UP;
    return false;
  }

  /** The end of the line holding `p` must be only spaces; returns the next line's start. */
  private endOfLine(p: number): number {
    let q = p;
    while (q < this.len && this.text.charCodeAt(q) === SPACE) q++;
    if (q >= this.len) return this.len;
    if (this.text.charCodeAt(q) !== NL) throw GIVE_UP; // a comment, or anything else
    return q + 1;
  }

  documents(): FastDocument[] {
    if (OUTSIDE_SUBSET.test(this.text)) throw GIVE_UP;
    const docs: FastDocument[] = [];
    let docIndex = -1;
    let p = this.nextContentLine(0);
    let explicit = false;
    while (p < this.len) {
      if (this.markerAt(p)) {
        docIndex++;
        explicit = true;
        p = this.nextContentLine(p + 4 > this.len ? this.len : p + 4);
        if (p >= this.len || this.markerAt(p)) {
          docs.push({ docIndex, root: null });
          continue;
        }
      } else if (!explicit && docIndex === -1) {
        docIndex = 0;
      } else {
        throw GIVE_UP; // content after a document's root
      }
      const root = this.blockNode(p, this.indentAt(p));
      docs.push({ docIndex, root });
      p = this.pos;
      if (p < this.len && !this.markerAt(p)) throw GIVE_UP;
      explicit = false;
      if (p >= this.len) break;
    }
    return docs;
  }

  /** A block mapping or sequence whose first line starts at `lineStart` with indentation `n`. */
  private blockNode(lineStart: number, n: number): YamlNode {
    const p = lineStart + n;
    if (this.isSeqEntry(p)) return this.blockSeq(lineStart, n);
    return this.blockMap(p, n);
  }

  private isSeqEntry(p: number): boolean {
    if (this.code(p) !== DASH) return false;
    const c = this.code(p + 1);
    return c === SPACE || c === NL || c === -1;
  }

  /**
   * A block mapping whose first key is at `first`, and whose further keys start lines at
   * indentation `n`. Leaves `pos` at the start of the first line that is not part of it.
   */
  private blockMap(first: number, n: number): MapNode {
    const entries: MapEntry[] = [];
    const seen = new Set<string>();
    this.count();
    let p = first;
    let lastEnd = first;
    for (;;) {
      const k = this.blockKey(p);
      if (k === undefined) throw GIVE_UP;
      if (seen.has(k.raw)) throw GIVE_UP; // the `yaml` package reports the duplicate
      seen.add(k.raw);
      let value: YamlNode;
      let q = k.after;
      while (q < this.len && this.text.charCodeAt(q) === SPACE) q++;
      const c = this.code(q);
      if (c === NL || c === -1) {
        const nullAt = q;
        const next = this.nextContentLine(c === -1 ? this.len : q + 1);
        const m = next < this.len ? this.indentAt(next) : -1;
        if (next < this.len && m > n && !this.markerAt(next)) {
          value = this.blockNode(next, m);
          lastEnd = value.end;
        } else if (next < this.len && m === n && this.isSeqEntry(next + n)) {
          value = this.blockSeq(next, n);
          lastEnd = value.end;
        } else {
          this.count();
          value = { kind: 'scalar', value: null, style: 'plain', start: nullAt, end: nullAt };
          lastEnd = nullAt;
          this.pos = next;
        }
      } else {
        if (q === k.after) throw GIVE_UP; // `a:b` is a plain scalar, not a key: never here
        value = this.inlineValue(q);
        lastEnd = value.end;
        this.pos = this.nextContentLine(this.endOfLine(value.end));
      }
      entries.push({ key: k.key, keyStart: k.start, keyEnd: k.end, value });
      const next = this.pos;
      if (next >= this.len || this.markerAt(next)) break;
      const m = this.indentAt(next);
      if (m < n) break;
      if (m > n) throw GIVE_UP;
      if (this.isSeqEntry(next + n)) throw GIVE_UP; // a sequence entry among mapping keys
      p = next + n;
    }
    return { kind: 'map', entries, start: first, end: this.trimmed(first, lastEnd) };
  }

  /** A block sequence whose `-` entries start lines at indentation `n`. */
  private blockSeq(lineStart: number, n: number): SeqNode {
    const items: YamlNode[] = [];
    this.count();
    const start = lineStart + n;
    let line = lineStart;
    let lastEnd = start;
    for (;;) {
      const dash = line + n;
      let q = dash + 1;
      while (q < this.len && this.text.charCodeAt(q) === SPACE) q++;
      const c = this.code(q);
      let item: YamlNode;
      if (c === NL || c === -1) {
        const nullAt = q;
        const next = this.nextContentLine(c === -1 ? this.len : q + 1);
        const m = next < this.len ? this.indentAt(next) : -1;
        if (next < this.len && m > n && !this.markerAt(next)) {
          item = this.blockNode(next, m);
          lastEnd = item.end;
        } else {
          this.count();
          item = { kind: 'scalar', value: null, style: 'plain', start: nullAt, end: nullAt };
          lastEnd = nullAt;
          this.pos = next;
        }
      } else {
        if (this.isSeqEntry(q)) throw GIVE_UP; // `- - x`
        if (c !== LBRACE && c !== LBRACKET && this.blockKey(q) !== undefined) {
          item = this.blockMap(q, q - line);
        } else {
          item = this.inlineValue(q);
          this.pos = this.nextContentLine(this.endOfLine(item.end));
        }
        lastEnd = item.end;
      }
      items.push(item);
      const next = this.pos;
      if (next >= this.len || this.markerAt(next)) break;
      const m = this.indentAt(next);
      if (m < n) break;
      if (m > n) throw GIVE_UP;
      if (!this.isSeqEntry(next + n)) break; // the parent mapping's next key (same indentation)
      line = next;
    }
    return { kind: 'seq', items, start, end: this.trimmed(start, lastEnd) };
  }

  /** An implicit block key at `p` (`key: ` or `key:` at the end of the line), or undefined. */
  private blockKey(p: number): KeyToken | undefined {
    const t = this.text;
    const c = this.code(p);
    if (c === DQUOTE || c === SQUOTE) {
      const s = this.quoted(p);
      const colon = s.end;
      if (this.code(colon) !== COLON) return undefined;
      const after = this.code(colon + 1);
      if (after !== SPACE && after !== NL && after !== -1) throw GIVE_UP;
      if (colon - p > MAX_KEY_LENGTH) throw GIVE_UP;
      return { key: s.value as string, raw: s.value as string, start: p, end: colon, after: colon + 1 };
    }
    this.checkPlainStart(p, false);
    let q = p;
    for (;;) {
      if (q >= this.len) return undefined;
      const d = t.charCodeAt(q);
      if (d === NL) return undefined;
      if (d === COLON) {
        const e = this.code(q + 1);
        if (e === SPACE || e === NL || e === -1) break;
      } else if (d === HASH && t.charCodeAt(q - 1) === SPACE) {
        throw GIVE_UP;
      }
      q++;
    }
    if (t.charCodeAt(q - 1) === SPACE) throw GIVE_UP; // `a : b`
    if (q - p > MAX_KEY_LENGTH) throw GIVE_UP;
    const raw = t.slice(p, q);
    if (raw === '<<') throw GIVE_UP; // merge keys
    const v = resolvePlainScalar(raw);
    if (v === null) throw GIVE_UP; // a null key is an error of buildTree
    return { key: String(v), raw, start: p, end: q, after: q + 1 };
  }

  /** Gives up where a plain scalar cannot start (indicators, `- `, and `-` before a flow indicator). */
  private checkPlainStart(p: number, flow: boolean): void {
    const c = this.code(p);
    if (c < 0 || c === NL || c === SPACE) throw GIVE_UP;
    if (c < 128 && INDICATOR[c] === 1) throw GIVE_UP;
    if (c === DASH) {
      const d = this.code(p + 1);
      if (d === SPACE || d === NL || d === -1 || (flow && isFlowIndicator(d))) throw GIVE_UP;
    }
  }

  /** A value on the rest of a block line: a quoted or plain scalar, or a flow collection. */
  private inlineValue(p: number): YamlNode {
    const c = this.text.charCodeAt(p);
    if (c === DQUOTE || c === SQUOTE) return this.quoted(p);
    if (c === LBRACE) return this.flowMap(p);
    if (c === LBRACKET) return this.flowSeq(p);
    this.checkPlainStart(p, false);
    const t = this.text;
    let q = p;
    let end = p;
    while (q < this.len) {
      const d = t.charCodeAt(q);
      if (d === NL) break;
      if (d === COLON) {
        const e = this.code(q + 1);
        if (e === SPACE || e === NL || e === -1) throw GIVE_UP; // a mapping in a compact value
      } else if (d === HASH && t.charCodeAt(q - 1) === SPACE) {
        throw GIVE_UP;
      }
      q++;
      if (d !== SPACE) end = q;
    }
    return this.plain(p, end);
  }

  private plain(start: number, end: number): ScalarNode {
    this.count();
    return { kind: 'scalar', value: resolvePlainScalar(this.text.slice(start, end)), style: 'plain', start, end };
  }

  /** A single-line quoted scalar; gives up on escapes and line breaks. */
  private quoted(p: number): ScalarNode {
    const t = this.text;
    const quote = t.charCodeAt(p);
    let q = p + 1;
    if (quote === DQUOTE) {
      for (;;) {
        if (q >= this.len) throw GIVE_UP;
        const d = t.charCodeAt(q);
        if (d === DQUOTE) break;
        if (d === 92 || d === NL) throw GIVE_UP;
        q++;
      }
      this.count();
      return { kind: 'scalar', value: t.slice(p + 1, q), style: 'quoted', start: p, end: q + 1 };
    }
    let value = '';
    let from = q;
    for (;;) {
      if (q >= this.len) throw GIVE_UP;
      const d = t.charCodeAt(q);
      if (d === NL) throw GIVE_UP;
      if (d === SQUOTE) {
        if (this.code(q + 1) !== SQUOTE) break;
        value += t.slice(from, q + 1);
        q += 2;
        from = q;
        continue;
      }
      q++;
    }
    value += t.slice(from, q);
    this.count();
    return { kind: 'scalar', value, style: 'quoted', start: p, end: q + 1 };
  }

  private skipSpaces(p: number): number {
    let q = p;
    while (q < this.len && this.text.charCodeAt(q) === SPACE) q++;
    return q;
  }

  /** A value inside a flow collection. */
  private flowValue(p: number): YamlNode {
    const c = this.code(p);
    if (c === DQUOTE || c === SQUOTE) {
      const s = this.quoted(p);
      const d = this.code(this.skipSpaces(s.end));
      if (d !== COMMA && d !== RBRACKET && d !== RBRACE) throw GIVE_UP;
      return s;
    }
    if (c === LBRACE) return this.flowMap(p);
    if (c === LBRACKET) return this.flowSeq(p);
    this.checkPlainStart(p, true);
    const t = this.text;
    let q = p;
    let end = p;
    for (;;) {
      if (q >= this.len) throw GIVE_UP;
      const d = t.charCodeAt(q);
      if (d === COMMA || d === RBRACKET || d === RBRACE) break;
      if (d === NL || d === LBRACKET || d === LBRACE) throw GIVE_UP;
      if (d === COLON) {
        const e = this.code(q + 1);
        if (e === SPACE || e === NL || e === -1 || isFlowIndicator(e)) throw GIVE_UP;
      } else if (d === HASH && t.charCodeAt(q - 1) === SPACE) {
        throw GIVE_UP;
      }
      q++;
      if (d !== SPACE) end = q;
    }
    return this.plain(p, end);
  }

  private flowSeq(p: number): SeqNode {
    this.count();
    const items: YamlNode[] = [];
    let q = this.skipSpaces(p + 1);
    if (this.code(q) !== RBRACKET) {
      for (;;) {
        const item = this.flowValue(q);
        items.push(item);
        q = this.skipSpaces(item.end);
        const d = this.code(q);
        if (d === RBRACKET) break;
        if (d !== COMMA) throw GIVE_UP;
        q = this.skipSpaces(q + 1);
        if (this.code(q) === RBRACKET) throw GIVE_UP; // trailing comma
      }
    }
    return { kind: 'seq', items, start: p, end: q + 1 };
  }

  private flowMap(p: number): MapNode {
    this.count();
    const entries: MapEntry[] = [];
    const seen = new Set<string>();
    let q = this.skipSpaces(p + 1);
    if (this.code(q) !== RBRACE) {
      for (;;) {
        const k = this.flowKey(q);
        if (seen.has(k.raw)) throw GIVE_UP;
        seen.add(k.raw);
        const v = this.skipSpaces(k.after);
        if (v === k.after) throw GIVE_UP;
        const value = this.flowValue(v);
        entries.push({ key: k.key, keyStart: k.start, keyEnd: k.end, value });
        q = this.skipSpaces(value.end);
        const d = this.code(q);
        if (d === RBRACE) break;
        if (d !== COMMA) throw GIVE_UP;
        q = this.skipSpaces(q + 1);
        if (this.code(q) === RBRACE) throw GIVE_UP; // trailing comma
      }
    }
    return { kind: 'map', entries, start: p, end: q + 1 };
  }

  /** `key: ` inside a flow mapping. */
  private flowKey(p: number): KeyToken {
    const t = this.text;
    const c = this.code(p);
    if (c === DQUOTE || c === SQUOTE) {
      const s = this.quoted(p);
      if (this.code(s.end) !== COLON || this.code(s.end + 1) !== SPACE) throw GIVE_UP;
      if (s.end - p > MAX_KEY_LENGTH) throw GIVE_UP;
      return { key: s.value as string, raw: s.value as string, start: p, end: s.end, after: s.end + 1 };
    }
    this.checkPlainStart(p, true);
    let q = p;
    for (;;) {
      if (q >= this.len) throw GIVE_UP;
      const d = t.charCodeAt(q);
      if (d === NL || isFlowIndicator(d)) throw GIVE_UP;
      if (d === COLON && this.code(q + 1) === SPACE) break;
      if (d === HASH && t.charCodeAt(q - 1) === SPACE) throw GIVE_UP;
      q++;
    }
    if (t.charCodeAt(q - 1) === SPACE) throw GIVE_UP;
    if (q - p > MAX_KEY_LENGTH) throw GIVE_UP;
    const raw = t.slice(p, q);
    if (raw === '<<') throw GIVE_UP;
    const v = resolvePlainScalar(raw);
    if (v === null) throw GIVE_UP;
    return { key: String(v), raw, start: p, end: q, after: q + 1 };
  }
}

/**
 * The documents of `text` with their value trees, or `undefined` when the text is outside the
 * subset this reader handles (the caller then uses the `yaml` package).
 */
export function fastParseDocuments(text: string): FastDocument[] | undefined {
  try {
    return new Reader(text).documents();
  } catch (e) {
    // Nesting deep enough to exhaust the stack is left to the `yaml` package too.
    if (e === GIVE_UP || e instanceof RangeError) return undefined;
    throw e;
  }
}

/** Offsets where lines start, as the `yaml` parser reports them to a `LineCounter`. */
export function lineStartsOf(text: string): number[] {
  const starts = [0];
  let i = text.indexOf('\n');
  while (i >= 0) {
    starts.push(i + 1);
    i = text.indexOf('\n', i + 1);
  }
  return starts;
}
