/**
 * Inline `jwks` checks (spec §3.3): istiod parses the string with lestrrat-go/jwx `jwk.Parse`,
 * which takes a JWK Set (`{"keys": [...]}`) or a single JWK, and warns when a key carries private
 * material (`warnPrivateJwksKeys`, test "jwks with private RSA key warns"): `d` (RSA, EC, OKP) or
 * any symmetric `oct` key.
 */

export type JwksResult = { ok: true; privateKeyIndexes: number[] } | { ok: false; error: string };

const KEY_TYPES = new Set(['RSA', 'EC', 'oct', 'OKP']);

function keyError(key: unknown): string | undefined {
  if (typeof key !== 'object' || key === null || Array.isArray(key)) return 'key is not a JSON object';
  const kty = (key as Record<string, unknown>)['kty'];
  if (typeof kty !== 'string') return 'invalid key type from JSON: missing `kty`';
  if (!KEY_TYPES.has(kty)) return `invalid key type from JSON (${kty})`;
  return undefined;
}

function isPrivate(key: Record<string, unknown>): boolean {
  return key['kty'] === 'oct' || key['d'] !== undefined;
}

export function checkJwks(text: string): JwksResult {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    return { ok: false, error: `failed to unmarshal JWK set: ${(err as Error).message}` };
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) return { ok: false, error: 'failed to unmarshal JWK set: not a JSON object' };
  const keysField = (doc as Record<string, unknown>)['keys'];
  const keys: unknown[] = keysField === undefined ? [doc] : Array.isArray(keysField) ? keysField : [];
  if (keysField !== undefined && !Array.isArray(keysField)) return { ok: false, error: 'failed to unmarshal JWK set: `keys` is not a list' };
  const privateKeyIndexes: number[] = [];
  for (let i = 0; i < keys.length; i++) {
    const err = keyError(keys[i]);
    if (err) return { ok: false, error: `failed to parse key at index ${i}: ${err}` };
    if (isPrivate(keys[i] as Record<string, unknown>)) privateKeyIndexes.push(i);
  }
  return { ok: true, privateKeyIndexes };
}
