/** Schemas and structural validation of the Istio kinds, Kubernetes kinds and MeshConfig. */
export { validateNode, type ValidateOptions } from './validate.js';
export { DiagnosticCodes, type DiagnosticCode } from './codes.js';
export { lookupKind, type KindInfo } from './registry.js';
export { meshConfigSchema } from './mesh-config.js';
export { formatPath } from './path.js';
export { suggest, editDistance } from './suggest.js';
export type { Schema, SchemaType, CelRule, KindSchema } from './types.js';
export type { YamlNode, ScalarNode, SeqNode, MapNode, MapEntry, ScalarValue, SpanMapper } from './tree.js';
export { ISTIO_KIND_SCHEMAS } from './generated/istio-kinds.js';
