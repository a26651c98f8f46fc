/**
 * Turning a JWKS document into verification keys with jwt_verify_lib's acceptance rules
 * (`jvl:src/jwks.cc` `createFromJwksCore` / `extractJwk`): a key with a problem is dropped and
 * the others kept; a set left without keys is unusable, and Envoy then answers every token of that
 * provider with `Jwks doesn't have any valid public key` (adversarial-cases.md B.0 step 5).
 *
 * Pure: node:crypto key import reads no file, socket or clock. Keys become `KeyObject`s once, so
 * verification stays synchronous and cheap.
 */
import { createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { decodeBase64Url } from './base64url.js';
import { parseJsonObjectText, type JsonObject } from './json.js';

export interface JwkKey {
  kty: 'RSA' | 'EC' | 'oct' | 'OKP';
  /** `""` when absent (then the key matches any `kid`). */
  kid: string;
  /** `""` when absent (then the key matches any JWT `alg`). */
  alg: string;
  /** EC: `P-256` | `P-384` | `P-521`; OKP: `Ed25519`; otherwise `""`. */
  crv: string;
  /** RSA / EC / OKP public key. */
  key?: KeyObject;
  /** `oct` (HMAC) secret. */
  secret?: Buffer;
}

export type JwksParseResult =
  | { ok: true; keys: JwkKey[]; dropped: string[] }
  | { ok: false; problem: string; dropped: string[] };

const EC_CURVES: Record<string, { alg: string; size: number }> = {
  'P-256': { alg: 'ES256', size: 32 },
  'P-384': { alg: 'ES384', size: 48 },
  'P-521': { alg: 'ES512', size: 66 },
};
const CURVE_OF_ALG: Record<string, string> = { ES256: 'P-256', ES384: 'P-384', ES512: 'P-521' };

type Field = string | 'missing' | 'wrong-type';
function field(obj: JsonObject, name: string): Field {
  if (!Object.hasOwn(obj, name)) return 'missing';
  const v = obj[name];
  return typeof v === 'string' ? v : 'wrong-type';
}
/** A required string field, or the reason it is unusable. */
function required(obj: JsonObject, name: string, kty: string): string | Error {
  const v = field(obj, name);
  if (v === 'missing') return new Error(`[${name}] is missing for an ${kty} key`);
  if (v === 'wrong-type') return new Error(`[${name}] is not a string for an ${kty} key`);
  return v;
}

/** Big-endian bytes without leading zeros (BoringSSL `BN_bin2bn` ignores them). */
function stripZeros(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length && b[i] === 0) i++;
  return b.subarray(i);
}

function rsaKey(jwk: JsonObject, alg: string): KeyObject | Error {
  if (alg !== '' && !alg.startsWith('RS') && !alg.startsWith('PS')) {
    return new Error('[alg] is not started with [RS] or [PS] for an RSA key');
  }
  const n = required(jwk, 'n', 'RSA');
  if (n instanceof Error) return n;
  const e = required(jwk, 'e', 'RSA');
  if (e instanceof Error) return e;
  const nb = decodeBase64Url(n);
  const eb = decodeBase64Url(e);
  if (!nb || !eb) return new Error('Jwks RSA [n] or [e] field is missing or has a parse error');
  const eValue = stripZeros(eb).toString('hex');
  // jvl rejects non-standard public exponents early: only 3 and 65537.
  if (eValue !== '03' && eValue !== '010001') return new Error('Jwks RSA [n] or [e] field is missing or has a parse error');
  return createPublicKey({
    key: { kty: 'RSA', n: stripZeros(nb).toString('base64url'), e: stripZeros(eb).toString('base64url') },
    format: 'jwk',
  });
}

function ecKey(jwk: JsonObject, alg: string): { key: KeyObject; crv: string } | Error {
  if (alg !== '' && !alg.startsWith('ES')) return new Error('[alg] is not started with [ES] for an EC key');
  const crvField = field(jwk, 'crv');
  if (crvField === 'wrong-type') return new Error('[crv] field is not a string for an EC key');
  let crv = crvField === 'missing' ? '' : crvField;
  if (alg !== '' && crv !== '' && CURVE_OF_ALG[alg] !== crv) {
    return new Error('[crv] field specified is not compatible with [alg] for an EC key');
  }
  if (alg === '' && crv === '') crv = 'P-256';
  crv = CURVE_OF_ALG[alg] ?? crv;
  const curve = EC_CURVES[crv];
  if (!curve) return new Error('[crv] or [alg] is not supported for an EC key');
  const x = required(jwk, 'x', 'EC');
  if (x instanceof Error) return x;
  const y = required(jwk, 'y', 'EC');
  if (y instanceof Error) return y;
  const xb = decodeBase64Url(x);
  const yb = decodeBase64Url(y);
  if (!xb || !yb) return new Error('[x] or [y] is an invalid Base64url for an EC key');
  const pad = (b: Buffer): Buffer | undefined => {
    const s = stripZeros(b);
    return s.length > curve.size ? undefined : Buffer.concat([Buffer.alloc(curve.size - s.length), s]);
  };
  const px = pad(xb);
  const py = pad(yb);
  if (!px || !py) return new Error('[x] or [y] is not a point of the curve for an EC key');
  const key = createPublicKey({
    key: { kty: 'EC', crv, x: px.toString('base64url'), y: py.toString('base64url') },
    format: 'jwk',
  });
  return { key, crv };
}

function octSecret(jwk: JsonObject, alg: string): Buffer | Error {
  if (alg !== '' && alg !== 'HS256' && alg !== 'HS384' && alg !== 'HS512') {
    return new Error('[alg] does not start with [HS] for an HMAC key');
  }
  const k = required(jwk, 'k', 'HMAC');
  if (k instanceof Error) return k;
  const kb = decodeBase64Url(k);
  if (!kb || kb.length === 0) return new Error('[k] is an invalid Base64url for an HMAC key');
  return kb;
}

function okpKey(jwk: JsonObject, alg: string): KeyObject | Error {
  if (alg !== '' && alg !== 'EdDSA') return new Error('[alg] is not [EdDSA] for an OKP key');
  const crv = required(jwk, 'crv', 'OKP');
  if (crv instanceof Error) return crv;
  if (crv !== 'Ed25519') return new Error('[crv] is not supported for an OKP key');
  const x = required(jwk, 'x', 'OKP');
  if (x instanceof Error) return x;
  const xb = decodeBase64Url(x);
  if (!xb || xb.length !== 32) return new Error('[x] is not 32 bytes of Base64url for an OKP key');
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: xb.toString('base64url') }, format: 'jwk' });
}

function extractJwk(jwk: JsonObject): JwkKey | Error {
  const kty = field(jwk, 'kty');
  if (kty === 'missing') return new Error('[kty] is missing in [keys]');
  if (kty === 'wrong-type') return new Error('[kty] is not a string in [keys]');
  const kidField = field(jwk, 'kid');
  const algField = field(jwk, 'alg');
  const kid = kidField === 'missing' || kidField === 'wrong-type' ? '' : kidField;
  const alg = algField === 'missing' || algField === 'wrong-type' ? '' : algField;
  try {
    switch (kty) {
      case 'RSA': {
        const key = rsaKey(jwk, alg);
        return key instanceof Error ? key : { kty, kid, alg, crv: '', key };
      }
      case 'EC': {
        const r = ecKey(jwk, alg);
        return r instanceof Error ? r : { kty, kid, alg, crv: r.crv, key: r.key };
      }
      case 'oct': {
        const secret = octSecret(jwk, alg);
        return secret instanceof Error ? secret : { kty, kid, alg, crv: '', secret };
      }
      case 'OKP': {
        const key = okpKey(jwk, alg);
        return key instanceof Error ? key : { kty, kid, alg, crv: 'Ed25519', key };
      }
      default:
        return new Error('[kty] is not supported in [keys]');
    }
  } catch (err) {
    return new Error(`key import failed: ${(err as Error).message}`);
  }
}

const CERT_PREFIX = '-----BEGIN CERTIFICATE-----';
const CERT_SUFFIX = '-----END CERTIFICATE-----';

/** Google's `{kid: "<PEM certificate>"}` form, which jvl accepts when there is no `keys` field. */
function fromX509Map(doc: JsonObject): JwksParseResult | undefined {
  const entries = Object.entries(doc);
  if (entries.length === 0) return undefined;
  for (const [kid, v] of entries) {
    if (kid === '' || typeof v !== 'string' || !v.startsWith(CERT_PREFIX) || !v.endsWith(CERT_SUFFIX)) return undefined;
  }
  const keys: JwkKey[] = [];
  for (const [kid, pem] of entries) {
    try {
      const key = new X509Certificate(pem as string).publicKey;
      if (key.asymmetricKeyType !== 'rsa') return { ok: false, problem: `certificate \`${kid}\` has no RSA key`, dropped: [] };
      keys.push({ kty: 'RSA', kid, alg: '', crv: '', key });
    } catch {
      return { ok: false, problem: `certificate \`${kid}\` cannot be parsed`, dropped: [] };
    }
  }
  return { ok: true, keys, dropped: [] };
}

/** Parses a JWKS JSON string; `dropped` explains every key that was skipped. */
export function parseJwks(json: string): JwksParseResult {
  const doc = parseJsonObjectText(json);
  if (!doc) return { ok: false, problem: 'Jwks is an invalid JSON', dropped: [] };
  if (!Object.hasOwn(doc, 'keys')) {
    return fromX509Map(doc) ?? { ok: false, problem: 'Jwks does not have [keys] field', dropped: [] };
  }
  const list = doc['keys'];
  if (!Array.isArray(list)) return { ok: false, problem: '[keys] in Jwks is not an array', dropped: [] };
  const keys: JwkKey[] = [];
  const dropped: string[] = [];
  list.forEach((entry: unknown, i) => {
    if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) return;
    const k = extractJwk(entry as JsonObject);
    if (k instanceof Error) dropped.push(`keys[${i}]: ${k.message}`);
    else keys.push(k);
  });
  if (keys.length === 0) return { ok: false, problem: "Jwks doesn't have any valid public key", dropped };
  return { ok: true, keys, dropped };
}
