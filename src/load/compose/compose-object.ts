/**
 * One YAML document (or one item of a `List`) → a typed, validated {@link Resource}, a `skipped`
 * entry for kinds meshward does not read, or diagnostics. Kubernetes order of checks: the
 * object must be a mapping with `apiVersion` and `kind`; `*List` kinds are expanded like
 * kubectl does; a known kind must come with an apiVersion that serves it; then the schema.
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import type { ObjectMeta, Resource, ResourceKind } from '../../model/resources.js';
import type { SourceSpan } from '../../model/source.js';
import { DiagnosticCodes } from '../../schema/codes.js';
import { LIST_SCHEMA, TYPE_META } from '../../schema/envelope.js';
import { lookupKind } from '../../schema/registry.js';
import type { MapNode, SpanMapper, YamlNode } from '../../schema/tree.js';
import { childOf, stringOf, typeNameOf } from '../../schema/tree.js';
import { validateNode } from '../../schema/validate.js';
import { makeSourceRef } from './source-ref.js';
import { toValue } from './to-value.js';

export interface SkippedObject {
  apiVersion: string;
  kind: string;
  name: string;
  span: SourceSpan;
}

export interface ComposeOutput {
  resources: Resource[];
  skipped: SkippedObject[];
  diagnostics: Diagnostic[];
}

export interface ComposeOptions {
  /** Keep resources that have error diagnostics (default false: such objects would be rejected by the API server). */
  keepInvalid?: boolean;
}

interface Ctx {
  spans: SpanMapper;
  docIndex: number;
  opts: ComposeOptions;
  out: ComposeOutput;
}

function stringMap(node: YamlNode | undefined): Record<string, string> | undefined {
  if (node?.kind !== 'map') return undefined;
  const out: Record<string, string> = {};
  for (const e of node.entries) {
    if (e.value.kind === 'scalar' && typeof e.value.value === 'string') {
      Object.defineProperty(out, e.key, { value: e.value.value, enumerable: true, writable: true, configurable: true });
    }
  }
  return out;
}

function composeMeta(meta: YamlNode | undefined): ObjectMeta {
  const out: ObjectMeta = { name: stringOf(childOf(meta, 'name')) ?? '' };
  const ns = stringOf(childOf(meta, 'namespace'));
  if (ns !== undefined) out.namespace = ns;
  const labels = stringMap(childOf(meta, 'labels'));
  if (labels) out.labels = labels;
  const annotations = stringMap(childOf(meta, 'annotations'));
  if (annotations) out.annotations = annotations;
  const created = stringOf(childOf(meta, 'creationTimestamp'));
  if (created !== undefined) out.creationTimestamp = created;
  return out;
}

function composeList(node: MapNode, ctx: Ctx): void {
  const diags = validateNode(node, LIST_SCHEMA, { spans: ctx.spans });
  ctx.out.diagnostics.push(...diags);
  const items = childOf(node, 'items');
  if (items?.kind !== 'seq') return;
  for (const item of items.items) composeNode(item, ctx);
}

function composeNode(node: YamlNode, ctx: Ctx): void {
  const { spans, out } = ctx;
  if (node.kind !== 'map') {
    out.diagnostics.push({
      code: DiagnosticCodes.WRONG_TYPE,
      severity: 'error',
      message: `a manifest must be a mapping with \`apiVersion\` and \`kind\`, found ${typeNameOf(node)}`,
      span: spans.span(node.start, node.end),
    });
    return;
  }
  const head = validateNode(node, TYPE_META, { spans });
  if (head.length > 0) {
    out.diagnostics.push(...head);
    return;
  }
  const apiVersion = stringOf(childOf(node, 'apiVersion')) ?? '';
  const kindNode = childOf(node, 'kind') as YamlNode;
  const kind = stringOf(kindNode) ?? '';
  if (kind.endsWith('List') && childOf(node, 'items') !== undefined) return composeList(node, ctx);

  const meta = childOf(node, 'metadata');
  const name = stringOf(childOf(meta, 'name')) ?? '';
  const info = lookupKind(kind);
  if (!info) {
    out.skipped.push({ apiVersion, kind, name, span: spans.span(kindNode.start, kindNode.end) });
    return;
  }
  const metadata = composeMeta(meta);
  const label = `${kind} ${metadata.namespace ?? '(none)'}/${name}`;
  const schema = info.schemaFor(apiVersion);
  if (!schema) {
    const av = childOf(node, 'apiVersion') as YamlNode;
    out.diagnostics.push({
      code: DiagnosticCodes.UNSUPPORTED_API_VERSION,
      severity: 'error',
      message: `kind \`${kind}\` is not served by apiVersion \`${apiVersion}\``,
      help: `use ${info.apiVersions.map((v) => `\`${v}\``).join(' or ')}`,
      span: spans.span(av.start, av.end),
      resource: label,
    });
    return;
  }
  const diags = validateNode(node, schema, { spans, resource: label });
  out.diagnostics.push(...diags);
  if (diags.some((d) => d.severity === 'error') && !ctx.opts.keepInvalid) return;

  // Namespace and ServiceAccount carry nothing meshward reads beyond metadata (model: `{}`).
  const specSchema = schema.properties?.spec;
  const specNode = childOf(node, 'spec');
  const keepsSpec = kind !== 'Namespace' && kind !== 'ServiceAccount';
  const spec = keepsSpec && specNode?.kind === 'map' ? toValue(specNode, specSchema) : {};
  const resource: Resource = {
    apiVersion,
    kind: info.kind as ResourceKind,
    metadata,
    spec: spec as Resource['spec'],
    source: makeSourceRef(spans, ctx.docIndex, node),
  };
  out.resources.push(resource);
}

/** Composes one parsed document (a List document yields several resources). */
export function composeDocument(root: YamlNode, spans: SpanMapper, docIndex: number, opts: ComposeOptions = {}): ComposeOutput {
  const out: ComposeOutput = { resources: [], skipped: [], diagnostics: [] };
  composeNode(root, { spans, docIndex, opts, out });
  return out;
}
