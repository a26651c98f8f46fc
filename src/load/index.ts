/** Loading: files, folders and stdin → YAML with exact positions → typed, validated resources. */
export { loadManifests, parseManifests, type LoadResult, type ParseOptions } from './manifests.js';
export type { SkippedObject } from './compose/compose-object.js';
export { composeDocument } from './compose/compose-object.js';
export {
  loadMeshConfig,
  parseMeshConfig,
  composeMeshConfig,
  BUILTIN_EXTENSION_PROVIDERS,
  BUILTIN_DEFAULT_PROVIDERS,
  type MeshConfigResult,
  type MeshConfigOptions,
} from './mesh-config.js';
export { deriveWorkloads } from './workloads/derive.js';
export { servicePortProtocol } from './workloads/protocol.js';
export { decideInjection, type InjectionDecision } from './workloads/injection.js';
export { parseDocuments, type ParsedDocument } from './parse/documents.js';
export { makeSourceRef } from './compose/source-ref.js';
export { toValue, type JsonValue } from './compose/to-value.js';
export { readInputs, STDIN_NAME, type InputText } from './read.js';
