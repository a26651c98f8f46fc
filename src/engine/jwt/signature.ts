/**
 * Signature verification with jwt_verify_lib's key-selection loop (`jvl:src/verify.cc`
 * `verifyJwtWithoutTimeChecking`), synchronous over pre-imported node:crypto keys.
 *
 * For each JWK in order: skip it when both sides have a `kid` and they differ, or when the JWK has
 * an `alg` that differs from the JWT's; otherwise the key counts as "tried" and is used according to
 * its `kty` (an RSA key only for RS and PS, so HS256 signed with the RSA public key as secret is
 * "Jwt verification fails", JWT-17). `use` and `key_ops` are ignored, as in jvl.
 */
import { createHmac, timingSafeEqual, verify, constants, type KeyObject } from 'node:crypto';
import type { JwkKey } from './jwk-set.js';
import type { ParsedJwt } from './parse.js';
import type { JwtStatus } from './status.js';

function digestOf(alg: string): 'sha256' | 'sha384' | 'sha512' {
  // jvl defaults to SHA-256 for anything that is not explicitly 384 or 512.
  if (alg.endsWith('384')) return 'sha384';
  if (alg.endsWith('512')) return 'sha512';
  return 'sha256';
}

/** A DER INTEGER for a big-endian unsigned value (leading zeros dropped, sign byte added). */
function derInteger(bytes: Buffer): Buffer {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  let v = bytes.subarray(i);
  if (v.length === 0) v = Buffer.from([0]);
  if ((v[0] ?? 0) & 0x80) v = Buffer.concat([Buffer.from([0]), v]);
  return Buffer.concat([Buffer.from([0x02]), derLength(v.length), v]);
}

function derLength(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  if (n < 0x100) return Buffer.from([0x81, n]);
  return Buffer.from([0x82, n >> 8, n & 0xff]);
}

/**
 * jvl reads an ECDSA signature as raw `r || s`, each half of the bytes (`BN_bin2bn` on
 * `len/2` bytes each, an odd last byte ignored), so a DER-encoded signature fails (JWT-25).
 * Re-encoding the halves as DER lets OpenSSL check exactly the (r, s) jvl would.
 */
function verifyEc(key: KeyObject, md: string, sig: Buffer, data: Buffer): boolean {
  const half = Math.floor(sig.length / 2);
  const r = derInteger(sig.subarray(0, half));
  const s = derInteger(sig.subarray(half, half * 2));
  const body = Buffer.concat([r, s]);
  const der = Buffer.concat([Buffer.from([0x30]), derLength(body.length), body]);
  try {
    return verify(md, data, { key, dsaEncoding: 'der' }, der);
  } catch {
    return false;
  }
}

function verifyRsa(key: KeyObject, alg: string, sig: Buffer, data: Buffer): boolean {
  const md = digestOf(alg);
  try {
    if (alg.startsWith('RS')) return verify(md, data, key, sig);
    // PSS with MGF1 over the same digest; the salt length is recovered from the signature, as
    // BoringSSL does when jvl leaves it unset.
    return verify(md, data, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_AUTO }, sig);
  } catch {
    return false;
  }
}

function verifyHmac(secret: Buffer, alg: string, sig: Buffer, data: Buffer): boolean {
  const mac = createHmac(digestOf(alg), secret).update(data).digest();
  return mac.length === sig.length && timingSafeEqual(mac, sig);
}

/**
 * Scratch space for the signed bytes: every verification here is synchronous and keeps no
 * reference to its input, so one buffer serves every call without an allocation.
 */
const DATA_SCRATCH = Buffer.allocUnsafeSlow(16384);

/** The latin1 bytes of `s` (what `Buffer.from(s, 'latin1')` gives), valid until the next call. */
function signedBytes(s: string): Buffer {
  if (s.length > DATA_SCRATCH.length) return Buffer.from(s, 'latin1');
  const n = DATA_SCRATCH.write(s, 0, 'latin1');
  return DATA_SCRATCH.subarray(0, n);
}

/** `Ok`, or the status jvl reports for the key loop. */
export function verifySignature(jwt: ParsedJwt, keys: readonly JwkKey[]): JwtStatus {
  const data = signedBytes(jwt.signedData);
  let tried = false;
  for (const jwk of keys) {
    if (jwt.kid !== '' && jwk.kid !== '' && jwk.kid !== jwt.kid) continue;
    if (jwk.alg !== '' && jwk.alg !== jwt.alg) continue;
    tried = true;
    switch (jwk.kty) {
      case 'EC':
        if (jwk.key && verifyEc(jwk.key, digestOf(jwt.alg), jwt.signature, data)) return 'Ok';
        break;
      case 'RSA':
        if (jwk.key && (jwt.alg.startsWith('RS') || jwt.alg.startsWith('PS')) && verifyRsa(jwk.key, jwt.alg, jwt.signature, data)) {
          return 'Ok';
        }
        break;
      case 'oct':
        if (jwk.secret && verifyHmac(jwk.secret, jwt.alg, jwt.signature, data)) return 'Ok';
        break;
      case 'OKP':
        // A wrong-length Ed25519 signature ends the loop with its own status.
        if (jwt.signature.length !== 64) return 'JwtEd25519SignatureWrongLength';
        try {
          if (jwk.key && verify(null, data, jwk.key, jwt.signature)) return 'Ok';
        } catch {
          /* a verification failure: try the next key */
        }
        break;
    }
  }
  return tried ? 'JwtVerificationFail' : 'JwksKidAlgMismatch';
}
