/**
 * The value tree the validator walks: YAML resolved the way Kubernetes reads it (scalars typed
 * as sigs.k8s.io/yaml types them, aliases and merge keys applied, map keys as strings), each node
 * keeping the offsets of its text so every finding points at the exact field.
 * `src/load/parse` builds it; nothing here reads files.
 */
import type { SourceSpan } from '../model/source.js';

export type ScalarValue = string | number | boolean | null;

interface NodeBase {
  /** Offset of the node's first character in the source text. */
  readonly start: number;
  /** Offset just past the node's value (trailing comments excluded). */
  readonly end: number;
}

export interface ScalarNode extends NodeBase {
  readonly kind: 'scalar';
  readonly value: ScalarValue;
  /** `plain` scalars were typed by resolution; quoted and block scalars are always strings. */
  readonly style: 'plain' | 'quoted' | 'block';
}

export interface SeqNode extends NodeBase {
  readonly kind: 'seq';
  readonly items: readonly YamlNode[];
}

export interface MapEntry {
  readonly key: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly value: YamlNode;
}

export interface MapNode extends NodeBase {
  readonly kind: 'map';
  /** In source order, merge keys already applied, keys unique. */
  readonly entries: readonly MapEntry[];
}

export type YamlNode = ScalarNode | SeqNode | MapNode;

/** Turns offsets of one document into file positions (a block scalar's inner text maps back too). */
export interface SpanMapper {
  readonly file: string;
  span(start: number, end: number): SourceSpan;
}

/** The entry for `key`, if the map has one. */
export function entryOf(node: MapNode, key: string): MapEntry | undefined {
  for (const e of node.entries) if (e.key === key) return e;
  return undefined;
}

/** The value node under `key` of a map node; undefined for non-maps and missing keys. */
export function childOf(node: YamlNode | undefined, key: string): YamlNode | undefined {
  return node?.kind === 'map' ? entryOf(node, key)?.value : undefined;
}

export function isNull(node: YamlNode | undefined): boolean {
  return node?.kind === 'scalar' && node.value === null;
}

/** The string value of a scalar node, or undefined. */
export function stringOf(node: YamlNode | undefined): string | undefined {
  return node?.kind === 'scalar' && typeof node.value === 'string' ? node.value : undefined;
}

/** JSON-ish type name used in messages: `object`, `array`, `string`, `integer`, `number`, `boolean`, `null`. */
export function typeNameOf(node: YamlNode): string {
  if (node.kind === 'map') return 'object';
  if (node.kind === 'seq') return 'array';
  const v = node.value;
  if (v === null) return 'null';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}
