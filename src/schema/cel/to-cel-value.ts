/**
 * Turns a manifest value into what the API server hands to CEL: `null` properties of objects are
 * pruned first (k8s.io/apiextensions-apiserver `prunenulls.go`, so `has(self.x)` is false for
 * `x: null`), and numbers under an `integer` schema become CEL `int`s (bigint in cel-js).
 */
import type { Schema } from '../types.js';

function childSchema(schema: Schema | undefined, key: string): Schema | undefined {
  return schema?.properties?.[key] ?? schema?.additionalProperties;
}

export function toCelValue(value: unknown, schema: Schema | undefined): unknown {
  if (Array.isArray(value)) return value.map((v) => toCelValue(v, schema?.items));
  if (typeof value === 'number') {
    return schema?.type === 'integer' && Number.isSafeInteger(value) ? BigInt(value) : value;
  }
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (v === null || v === undefined) continue;
      out[k] = toCelValue(v, childSchema(schema, k));
    }
    return out;
  }
  return value;
}
