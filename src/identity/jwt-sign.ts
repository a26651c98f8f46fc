/**
 * Keys and tokens for tests, the TestSuite runner and the lab: generate a key pair with its public
 * JWKS, sign claims, load a PEM private key, and build deliberately odd tokens (`signRaw`) for the
 * adversarial cases that a well-behaved JWT library refuses to produce.
 */
import {
  constants,
  createHmac,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomUUID,
  sign,
  type JsonWebKey,
  type KeyObject,
} from 'node:crypto';
import { SignJWT } from 'jose';
import { MeshwardError } from '../model/errors.js';

export type SigningAlg = 'RS256' | 'RS384' | 'RS512' | 'PS256' | 'ES256' | 'ES384' | 'EdDSA';

export interface SigningKey {
  alg: SigningAlg;
  kid: string;
  privateKey: KeyObject;
  /** The public JWK with `kid`, `alg` and `use: sig`. */
  publicJwk: JsonWebKey;
  /** `{ keys: [publicJwk] }`: what a RequestAuthentication `jwks` holds. */
  jwks: { keys: JsonWebKey[] };
}

function publicJwkOf(privateKey: KeyObject, alg: SigningAlg, kid: string): JsonWebKey {
  const jwk = createPublicKey(privateKey).export({ format: 'jwk' });
  return { ...jwk, kid, alg, use: 'sig' };
}

function withJwks(alg: SigningAlg, kid: string, privateKey: KeyObject): SigningKey {
  const publicJwk = publicJwkOf(privateKey, alg, kid);
  return { alg, kid, privateKey, publicJwk, jwks: { keys: [publicJwk] } };
}

/** A fresh key pair: RSA-2048 for RS and PS, P-256 or P-384 for ES, Ed25519 for EdDSA. */
export function generateSigningKey(alg: SigningAlg = 'RS256', kid: string = randomUUID()): SigningKey {
  let privateKey: KeyObject;
  if (alg.startsWith('RS') || alg.startsWith('PS')) privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  else if (alg === 'ES256') privateKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  else if (alg === 'ES384') privateKey = generateKeyPairSync('ec', { namedCurve: 'P-384' }).privateKey;
  else privateKey = generateKeyPairSync('ed25519').privateKey;
  return withJwks(alg, kid, privateKey);
}

/** A signing key from a PEM private key (PKCS#1 or PKCS#8), e.g. Istio's sample `key.pem`. */
export function loadPrivateKeyPem(pem: string, alg: SigningAlg = 'RS256', kid = ''): SigningKey {
  try {
    return withJwks(alg, kid, createPrivateKey(pem));
  } catch (err) {
    throw new MeshwardError('ERR_JWT_KEY', `cannot read private key: ${(err as Error).message}`, { cause: err });
  }
}

export interface SignOptions {
  /** Seconds since the epoch used for `iat` and `exp` (default: the wall clock). */
  now?: number;
  /** Sets `exp = now + expiresIn` unless the claims carry `exp`; negative for an expired token. */
  expiresIn?: number;
  /** Extra protected-header fields (`typ`, a different `kid`, …). */
  header?: Record<string, unknown>;
}

/** Signs `claims` with jose's `SignJWT`; `iat` is set unless the claims carry one. */
export async function signJwt(key: Pick<SigningKey, 'alg' | 'kid' | 'privateKey'>, claims: Record<string, unknown>, options: SignOptions = {}): Promise<string> {
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const payload: Record<string, unknown> = { ...claims };
  if (payload['iat'] === undefined) payload['iat'] = now;
  if (options.expiresIn !== undefined && payload['exp'] === undefined) payload['exp'] = now + options.expiresIn;
  const header = { alg: key.alg, typ: 'JWT', ...(key.kid ? { kid: key.kid } : {}), ...options.header };
  return new SignJWT(payload).setProtectedHeader(header as { alg: string }).sign(key.privateKey);
}

const b64u = (v: string | Buffer): string => Buffer.from(v).toString('base64url');

/**
 * A compact token from any header and payload (objects are JSON-encoded, strings used as is), signed
 * with `key` under `alg` (`none` or an absent key gives an empty signature). For tokens a JWT library
 * would refuse to make: odd headers, string `exp`, HS256 over an RSA public key, …
 */
export function signRaw(
  header: Record<string, unknown> | string,
  payload: Record<string, unknown> | string,
  key?: { alg: string; privateKey?: KeyObject; secret?: Buffer },
): string {
  const h = b64u(typeof header === 'string' ? header : JSON.stringify(header));
  const p = b64u(typeof payload === 'string' ? payload : JSON.stringify(payload));
  const data = Buffer.from(`${h}.${p}`);
  if (!key || key.alg === 'none') return `${h}.${p}.`;
  const md = key.alg.endsWith('384') ? 'sha384' : key.alg.endsWith('512') ? 'sha512' : 'sha256';
  let sig: Buffer;
  if (key.alg.startsWith('HS')) {
    if (!key.secret) throw new MeshwardError('ERR_JWT_KEY', `\`${key.alg}\` needs a secret`);
    sig = createHmac(md, key.secret).update(data).digest();
  } else if (!key.privateKey) {
    throw new MeshwardError('ERR_JWT_KEY', `\`${key.alg}\` needs a private key`);
  } else if (key.alg === 'EdDSA') {
    sig = sign(null, data, key.privateKey);
  } else if (key.alg.startsWith('ES')) {
    sig = sign(md, data, { key: key.privateKey, dsaEncoding: 'ieee-p1363' });
  } else if (key.alg.startsWith('PS')) {
    sig = sign(md, data, { key: key.privateKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: 32 });
  } else {
    sig = sign(md, data, key.privateKey);
  }
  return `${h}.${p}.${b64u(sig)}`;
}

