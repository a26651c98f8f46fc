/**
 * Structural comparison of JSON trees as protobuf equality needs it: object keys are unordered
 * (this covers the RBAC `policies` map), lists are ordered, scalars compare strictly.
 * Returns a short description of the first difference, or `undefined` when equal.
 */
type Json = unknown;

function show(v: Json): string {
  const s = JSON.stringify(v);
  if (s === undefined) return 'undefined';
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

function kind(v: Json): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'list';
  return typeof v;
}

export function firstDifference(actual: Json, expected: Json, path = '$'): string | undefined {
  if (kind(actual) !== kind(expected)) return `${path}: got ${show(actual)}, want ${show(expected)}`;
  if (Array.isArray(actual) && Array.isArray(expected)) {
    const n = Math.min(actual.length, expected.length);
    for (let i = 0; i < n; i++) {
      const d = firstDifference(actual[i], expected[i], `${path}[${i}]`);
      if (d) return d;
    }
    if (actual.length !== expected.length) {
      return `${path}: got ${actual.length} items, want ${expected.length}` +
        (actual.length > n ? ` (extra ${show(actual[n])})` : ` (missing ${show(expected[n])})`);
    }
    return undefined;
  }
  if (typeof actual === 'object' && actual !== null && typeof expected === 'object' && expected !== null) {
    const a = actual as Record<string, Json>;
    const e = expected as Record<string, Json>;
    for (const k of Object.keys(e).sort()) {
      if (!Object.hasOwn(a, k)) return `${path}.${k}: missing, want ${show(e[k])}`;
    }
    for (const k of Object.keys(a).sort()) {
      if (!Object.hasOwn(e, k)) return `${path}.${k}: unexpected ${show(a[k])}`;
      const d = firstDifference(a[k], e[k], `${path}.${k}`);
      if (d) return d;
    }
    return undefined;
  }
  return Object.is(actual, expected) ? undefined : `${path}: got ${show(actual)}, want ${show(expected)}`;
}
