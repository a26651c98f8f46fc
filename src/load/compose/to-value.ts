/**
 * Turns a validated value tree into the plain JSON value the typed resources carry. Guided by
 * the schema where there is one, it drops `null` property values the API server would prune
 * (non-nullable named properties), and keeps `null` list items and map values, which
 * validation reports and the model types allow (`rules: [null]`).
 */
import type { YamlNode } from '../../schema/tree.js';
import type { Schema } from '../../schema/types.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

function define(out: { [key: string]: JsonValue }, key: string, value: JsonValue): void {
  // defineProperty, not assignment: a YAML key `__proto__` must stay a plain field.
  Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
}

/** The JSON value of `node`; `schema` (optional) enables Kubernetes null pruning. */
export function toValue(node: YamlNode, schema?: Schema): JsonValue {
  switch (node.kind) {
    case 'scalar':
      return node.value;
    case 'seq':
      return node.items.map((i) => toValue(i, schema?.items));
    case 'map': {
      const out: { [key: string]: JsonValue } = {};
      for (const e of node.entries) {
        const named = schema?.properties && Object.hasOwn(schema.properties, e.key) ? schema.properties[e.key] : undefined;
        const sub = named ?? schema?.additionalProperties;
        const isNull = e.value.kind === 'scalar' && e.value.value === null;
        if (isNull && named && !named.nullable) continue;
        define(out, e.key, toValue(e.value, sub));
      }
      return out;
    }
  }
}
