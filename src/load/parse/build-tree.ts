/**
 * Converts a document of the `yaml` package (parsed with the failsafe schema, so every scalar is
 * still text) into meshward's value tree, typed the Kubernetes way:
 * - plain scalars resolved by go-yaml v2 rules ({@link resolvePlainScalar});
 * - map keys turned into strings as sigs.k8s.io/yaml does (`80:` → `"80"`, `true:` → `"true"`);
 * - aliases replaced by their anchor's node (shared, so positions point at the anchor);
 * - merge keys (`<<: *base`, `<<: [*a, *b]`) applied: explicit keys win, earlier sources win.
 * Alias expansion is bounded (a "billion laughs" document is refused), as go-yaml refuses
 * "excessive aliasing".
 */
import { isAlias, isMap, isPair, isScalar, isSeq, type Document, type Node as YNode, type Scalar, type YAMLMap } from 'yaml';
import type { MapEntry, MapNode, ScalarNode, YamlNode } from '../../schema/tree.js';
import { resolvePlainScalar, resolveTaggedScalar } from './resolve-scalar.js';

/** A problem that makes the document unusable, with the offending offsets. */
export interface TreeError {
  message: string;
  start: number;
  end: number;
}

/** Upper bound on the expanded size of one document (nodes reachable through aliases included). */
const MAX_EXPANDED_NODES = 2_000_000;

function rangeOf(node: { range?: [number, number, number] | null | undefined }): [number, number] {
  const r = node.range;
  return r ? [r[0], r[1]] : [0, 0];
}

class TreeBuilder {
  private readonly text: string;
  private readonly built = new Map<YNode, YamlNode>();
  private readonly inProgress = new Set<YNode>();
  private readonly sizes = new Map<YamlNode, number>();

  constructor(private readonly doc: Document, text: string) {
    this.text = text;
  }

  /** A block collection's range runs to the next line; spans should end at its last character. */
  private trimmed(start: number, end: number): number {
    let e = end;
    while (e > start && /\s/.test(this.text.charAt(e - 1))) e--;
    return e;
  }

  build(node: YNode | null | undefined, fallbackAt: number): YamlNode {
    if (node === null || node === undefined) return { kind: 'scalar', value: null, style: 'plain', start: fallbackAt, end: fallbackAt };
    if (isAlias(node)) {
      const target = node.resolve(this.doc);
      if (!target) throw this.fail(`unknown anchor \`${node.source}\``, node);
      if (this.inProgress.has(target)) throw this.fail(`alias \`${node.source}\` refers to a node that contains it`, node);
      return this.build(target, fallbackAt);
    }
    const done = this.built.get(node);
    if (done) return done;
    this.inProgress.add(node);
    const out = this.convert(node);
    this.inProgress.delete(node);
    this.built.set(node, out);
    return out;
  }

  private fail(message: string, node: YNode): TreeError {
    const [start, end] = rangeOf(node);
    return { message, start, end };
  }

  private convert(node: YNode): YamlNode {
    const [start, rawEnd] = rangeOf(node);
    const end = isScalar(node) ? rawEnd : this.trimmed(start, rawEnd);
    if (isScalar(node)) return this.scalar(node, start, end);
    if (isSeq(node)) {
      const items = node.items.map((item) => this.build(item as YNode | null, end));
      return { kind: 'seq', items, start, end };
    }
    if (isMap(node)) return this.map(node, start, end);
    throw this.fail('unsupported YAML node', node);
  }

  private scalar(node: Scalar, start: number, end: number): ScalarNode {
    const text = String(node.value ?? '');
    const style = node.type === 'PLAIN' || node.type === undefined ? 'plain' : node.type.startsWith('BLOCK') ? 'block' : 'quoted';
    if (node.tag) {
      const r = resolveTaggedScalar(node.tag, text);
      if ('error' in r) throw { message: r.error, start, end } satisfies TreeError;
      return { kind: 'scalar', value: r.value, style, start, end };
    }
    return { kind: 'scalar', value: style === 'plain' ? resolvePlainScalar(text) : text, style, start, end };
  }

  private keyString(key: YamlNode, at: [number, number]): string {
    if (key.kind !== 'scalar') throw { message: 'a map key must be a scalar', start: at[0], end: at[1] } satisfies TreeError;
    const v = key.value;
    if (v === null) throw { message: 'a map key must not be null', start: at[0], end: at[1] } satisfies TreeError;
    // sigs.k8s.io/yaml formats non-string keys as JSON would print them (`80`, `true`, `1.5`).
    return String(v);
  }

  private map(node: YAMLMap, start: number, end: number): MapNode {
    const entries: MapEntry[] = [];
    const merged: MapEntry[][] = [];
    for (const pair of node.items) {
      if (!isPair(pair)) continue;
      const keyNode = pair.key as YNode | null;
      const isMerge = isScalar(keyNode) && keyNode.type === 'PLAIN' && keyNode.value === '<<' && !keyNode.tag;
      if (isMerge) {
        merged.push(this.mergeSources(pair.value as YNode | null, keyNode));
        continue;
      }
      const keyRange: [number, number] = keyNode ? rangeOf(keyNode) : [start, start];
      const key = this.keyString(this.build(keyNode, start), keyRange);
      entries.push({ key, keyStart: keyRange[0], keyEnd: keyRange[1], value: this.build(pair.value as YNode | null, keyRange[1]) });
    }
    for (const source of merged) {
      for (const e of source) if (!entries.some((x) => x.key === e.key)) entries.push(e);
    }
    return { kind: 'map', entries, start, end };
  }

  /** The entries a merge key brings in; with a list, earlier maps win over later ones. */
  private mergeSources(value: YNode | null, keyNode: YNode): MapEntry[] {
    const target = value && isAlias(value) ? value.resolve(this.doc) : value;
    const sources = target && isSeq(target) ? target.items.map((i) => i as YNode | null) : [value];
    const out: MapEntry[] = [];
    for (const s of sources) {
      const built = this.build(s, rangeOf(keyNode)[1]);
      if (built.kind !== 'map') throw this.fail('a merge key `<<` must refer to a map or a list of maps', s ?? keyNode);
      for (const e of built.entries) if (!out.some((x) => x.key === e.key)) out.push(e);
    }
    return out;
  }

  /** Number of nodes a full walk would visit (aliases counted at every use), memoized. */
  expandedSize(node: YamlNode): number {
    const known = this.sizes.get(node);
    if (known !== undefined) return known;
    let n = 1;
    if (node.kind === 'seq') for (const i of node.items) n += this.expandedSize(i);
    else if (node.kind === 'map') for (const e of node.entries) n += this.expandedSize(e.value);
    this.sizes.set(node, n);
    return n;
  }
}

/** Builds the value tree of `doc`, or returns why it cannot be used. */
export function buildTree(doc: Document, text: string): { root: YamlNode } | { error: TreeError } {
  const builder = new TreeBuilder(doc, text);
  try {
    const root = builder.build(doc.contents as YNode | null, 0);
    if (builder.expandedSize(root) > MAX_EXPANDED_NODES) {
      return { error: { message: 'document expands to too many nodes through aliases', start: root.start, end: root.end } };
    }
    return { root };
  } catch (e) {
    if (typeof e === 'object' && e !== null && 'message' in e && 'start' in e) return { error: e as TreeError };
    throw e;
  }
}
