/**
 * Structural validation of a YAML value tree against a {@link Schema}: types, enums, required
 * fields, unknown fields, lengths, counts, ranges, patterns, formats and `oneOf`. CEL rules
 * (`x-kubernetes-validations`) are not evaluated here.
 *
 * Kubernetes semantics mirrored (k8s.io/apiextensions-apiserver structural schemas):
 * - a `null` property value whose schema is not `nullable` is pruned before validation, so it is
 *   neither a type error nor a present field (`pkg/apiserver/schema/defaulting/prunenulls.go`);
 *   a `null` list item or map value is a type error ("must be of type object");
 * - `x-kubernetes-int-or-string` accepts an integer or a string;
 * - string lengths count Unicode code points (Go runes).
 * Unlike the API server, objects are closed: a field the schema does not declare is reported
 * (MW002) unless the schema preserves unknown fields, because a misspelt key silently pruned
 * changes what a policy means (`selecter:` turns a workload policy into a namespace-wide one).
 */
import type { Diagnostic } from '../model/diagnostic.js';
import type { FieldPath, SourceSpan } from '../model/source.js';
import { DiagnosticCodes } from './codes.js';
import { checkFormat } from './formats.js';
import { formatPath } from './path.js';
import { suggest } from './suggest.js';
import type { MapNode, SpanMapper, YamlNode } from './tree.js';
import { typeNameOf } from './tree.js';
import type { Schema } from './types.js';

export interface ValidateOptions {
  spans: SpanMapper;
  /** `Kind ns/name`, copied onto every diagnostic. */
  resource?: string;
  /** Path of `node` inside its resource (for messages), `[]` for the root. */
  path?: FieldPath;
}

/** Where a node sits: its path, and the span of its key when it is a map value. */
interface Where {
  path: (string | number)[];
  /** Offsets of the key; turned into a span only when something is reported. */
  key?: readonly [number, number];
  /** True for a named property (null is pruned there), false for list items and map values. */
  property: boolean;
}

const patternCache = new Map<string, RegExp>();

function compiled(pattern: string): RegExp {
  let re = patternCache.get(pattern);
  if (!re) {
    re = new RegExp(pattern, 'u');
    patternCache.set(pattern, re);
  }
  return re;
}

function codePoints(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

const PLURALS: Readonly<Record<string, string>> = { item: 'items', entry: 'entries', character: 'characters' };

function count(n: number, noun: 'item' | 'entry' | 'character'): string {
  return `${n} ${n === 1 ? noun : PLURALS[noun]}`;
}

function backticked(values: readonly (string | number)[]): string {
  return values.map((v) => `\`${v}\``).join(', ');
}

/** Names mentioned by `required` anywhere in a oneOf's branches, in first-seen order. */
function namesIn(schemas: readonly Schema[], out: string[] = []): string[] {
  for (const s of schemas) {
    for (const r of s.required ?? []) if (!out.includes(r)) out.push(r);
    if (s.not) namesIn([s.not], out);
    if (s.anyOf) namesIn(s.anyOf, out);
    if (s.oneOf) namesIn(s.oneOf, out);
  }
  return out;
}

function present(node: MapNode, key: string): boolean {
  for (const e of node.entries) if (e.key === key) return !(e.value.kind === 'scalar' && e.value.value === null);
  return false;
}

/** Whether a map satisfies a value-validation-only branch (`required`, `not`, `anyOf`, `oneOf`). */
function branchMatches(node: MapNode, s: Schema): boolean {
  if (s.required && !s.required.every((r) => present(node, r))) return false;
  if (s.not && branchMatches(node, s.not)) return false;
  if (s.anyOf && !s.anyOf.some((b) => branchMatches(node, b))) return false;
  if (s.oneOf && s.oneOf.filter((b) => branchMatches(node, b)).length !== 1) return false;
  return true;
}

class Validator {
  readonly diagnostics: Diagnostic[] = [];
  constructor(private readonly opts: ValidateOptions) {}

  private report(code: string, node: YamlNode | undefined, where: Where, message: string, help?: string, useKey = false): void {
    const spans = this.opts.spans;
    let span: SourceSpan;
    if (useKey && where.key) span = spans.span(where.key[0], where.key[1]);
    else if (node && node.end > node.start) span = spans.span(node.start, node.end);
    else if (where.key) span = spans.span(where.key[0], where.key[1]);
    else span = spans.span(node?.start ?? 0, node?.end ?? 0);
    const d: Diagnostic = { code, severity: 'error', message, span };
    if (help !== undefined) d.help = help;
    if (this.opts.resource !== undefined) d.resource = this.opts.resource;
    this.diagnostics.push(d);
  }

  walk(node: YamlNode, schema: Schema, where: Where): void {
    const at = `\`${formatPath(where.path)}\``;
    if (node.kind === 'scalar' && node.value === null) {
      if (schema.nullable || where.property || (!schema.type && !schema['x-kubernetes-int-or-string'])) return;
      const expected = schema['x-kubernetes-int-or-string'] ? 'an integer or a string' : `of type ${schema.type}`;
      this.report(DiagnosticCodes.WRONG_TYPE, node, where, `${at} must be ${expected}, found null`);
      return;
    }
    if (schema['x-kubernetes-int-or-string']) {
      const v = node.kind === 'scalar' ? node.value : undefined;
      if (!(typeof v === 'string' || (typeof v === 'number' && Number.isInteger(v)))) {
        this.report(DiagnosticCodes.WRONG_TYPE, node, where, `${at} must be an integer or a string, found ${typeNameOf(node)}`);
      }
      return;
    }
    switch (schema.type) {
      case 'object':
        if (node.kind !== 'map') return this.wrongType(node, schema, where);
        return this.walkObject(node, schema, where);
      case 'array':
        if (node.kind !== 'seq') return this.wrongType(node, schema, where);
        node.items.forEach((item, i) => {
          if (schema.items) this.walk(item, schema.items, { path: [...where.path, i], property: false });
        });
        if (schema.maxItems !== undefined && node.items.length > schema.maxItems) {
          this.report(DiagnosticCodes.CONSTRAINT, node, where, `${at} must have at most ${count(schema.maxItems, 'item')}, found ${node.items.length}`);
        }
        if (schema.minItems !== undefined && node.items.length < schema.minItems) {
          this.report(DiagnosticCodes.CONSTRAINT, node, where, `${at} must have at least ${count(schema.minItems, 'item')}, found ${node.items.length}`);
        }
        return;
      case 'string':
        if (node.kind !== 'scalar' || typeof node.value !== 'string') return this.wrongType(node, schema, where);
        return this.checkString(node, node.value, schema, where, at);
      case 'integer':
      case 'number': {
        const v = node.kind === 'scalar' ? node.value : undefined;
        if (typeof v !== 'number' || (schema.type === 'integer' && !Number.isInteger(v))) return this.wrongType(node, schema, where);
        if (schema.enum && !schema.enum.includes(v)) {
          this.report(DiagnosticCodes.BAD_ENUM, node, where, `${at} must be one of ${backticked(schema.enum)}, found \`${v}\``);
        }
        if (schema.minimum !== undefined && v < schema.minimum) {
          this.report(DiagnosticCodes.CONSTRAINT, node, where, `${at} must be at least ${schema.minimum}, found ${v}`);
        }
        if (schema.maximum !== undefined && v > schema.maximum) {
          this.report(DiagnosticCodes.CONSTRAINT, node, where, `${at} must be at most ${schema.maximum}, found ${v}`);
        }
        return;
      }
      case 'boolean':
        if (node.kind !== 'scalar' || typeof node.value !== 'boolean') return this.wrongType(node, schema, where);
        return;
      default:
        return; // no type: anything goes (e.g. preserve-unknown-fields blobs)
    }
  }

  private wrongType(node: YamlNode, schema: Schema, where: Where): void {
    const found = typeNameOf(node);
    let help: string | undefined;
    // Kubernetes reads YAML 1.1 booleans (`yes`, `on`) and bare numbers as non-strings; quoting fixes it.
    if (schema.type === 'string' && node.kind === 'scalar' && node.style === 'plain') help = 'quote the value to make it a string';
    this.report(DiagnosticCodes.WRONG_TYPE, node, where, `\`${formatPath(where.path)}\` must be of type ${schema.type}, found ${found}`, help);
  }

  private checkString(node: YamlNode, v: string, schema: Schema, where: Where, at: string): void {
    if (schema.enum && !schema.enum.includes(v)) {
      const guess = suggest(v, schema.enum.map(String));
      this.report(
        DiagnosticCodes.BAD_ENUM,
        node,
        where,
        `${at} must be one of ${backticked(schema.enum)}, found \`${v}\``,
        guess === undefined ? undefined : `did you mean \`${guess}\`?`,
      );
      return;
    }
    if (schema.minLength !== undefined || schema.maxLength !== undefined) {
      const n = codePoints(v);
      if (schema.minLength !== undefined && n < schema.minLength) {
        this.report(DiagnosticCodes.CONSTRAINT, node, where, `${at} must be at least ${count(schema.minLength, 'character')} long`);
      }
      if (schema.maxLength !== undefined && n > schema.maxLength) {
        this.report(DiagnosticCodes.CONSTRAINT, node, where, `${at} must be at most ${count(schema.maxLength, 'character')} long, found ${n}`);
      }
    }
    if (schema.pattern !== undefined && !compiled(schema.pattern).test(v)) {
      this.report(DiagnosticCodes.CONSTRAINT, node, where, `${at} must match \`${schema.pattern}\`, found \`${v}\``);
    }
    if (schema.format !== undefined) {
      const reason = checkFormat(schema.format, v);
      if (reason !== undefined) this.report(DiagnosticCodes.CONSTRAINT, node, where, `${at} ${reason}, found \`${v}\``);
    }
  }

  private walkObject(node: MapNode, schema: Schema, where: Where): void {
    const at = `\`${formatPath(where.path)}\``;
    const props = schema.properties;
    const open = schema['x-kubernetes-preserve-unknown-fields'] === true || schema['x-meshward-open'] === true;
    for (const e of node.entries) {
      const key = [e.keyStart, e.keyEnd] as const;
      const sub = props?.[e.key];
      const path = [...where.path, e.key];
      if (sub && Object.hasOwn(props ?? {}, e.key)) this.walk(e.value, sub, { path, key, property: true });
      else if (schema.additionalProperties) this.walk(e.value, schema.additionalProperties, { path, key, property: false });
      else if (!open) {
        const known = Object.keys(props ?? {});
        const guess = suggest(e.key, known);
        this.report(
          DiagnosticCodes.UNKNOWN_FIELD,
          e.value,
          { path, key, property: true },
          `unknown field \`${formatPath(path)}\``,
          guess !== undefined ? `did you mean \`${guess}\`?` : known.length > 0 ? `known fields: ${backticked(known)}` : undefined,
          true,
        );
      }
    }
    for (const r of schema.required ?? []) {
      if (!present(node, r)) {
        this.report(DiagnosticCodes.MISSING_REQUIRED, node, where, `missing required field \`${formatPath([...where.path, r])}\``, undefined, true);
      }
    }
    const size = node.entries.length;
    if (schema.minProperties !== undefined && size < schema.minProperties) {
      this.report(DiagnosticCodes.CONSTRAINT, node, where, `${at} must have at least ${count(schema.minProperties, 'entry')}, found ${size}`);
    }
    if (schema.maxProperties !== undefined && size > schema.maxProperties) {
      this.report(DiagnosticCodes.CONSTRAINT, node, where, `${at} must have at most ${count(schema.maxProperties, 'entry')}, found ${size}`);
    }
    if (schema.oneOf) {
      const matches = schema.oneOf.filter((b) => branchMatches(node, b)).length;
      const names = backticked(namesIn(schema.oneOf));
      if (matches === 0) this.report(DiagnosticCodes.CONSTRAINT, node, where, `${at} must set one of ${names}`, undefined, true);
      else if (matches > 1) this.report(DiagnosticCodes.CONSTRAINT, node, where, `${at} may set only one of ${names}`, undefined, true);
    }
  }
}

/**
 * Validates `node` against `schema` and returns the problems found, each with the exact span of
 * the offending key or value.
 *
 * @example
 * const diags = validateNode(tree, AUTHORIZATION_POLICY_V1.schema.properties!.spec!, { spans, path: ['spec'] });
 */
export function validateNode(node: YamlNode, schema: Schema, opts: ValidateOptions): Diagnostic[] {
  const v = new Validator(opts);
  v.walk(node, schema, { path: [...(opts.path ?? [])], property: true });
  return v.diagnostics;
}
