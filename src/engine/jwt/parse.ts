/**
 * Parsing a compact JWT the way `jvl:src/jwt.cc` `Jwt::parseFromString` does, including the order
 * of its checks: the first failing check decides Envoy's message (adversarial-cases.md B.0 step 1).
 */
import { decodeBase64Url } from './base64url.js';
import { parseJsonObject, type JsonObject } from './json.js';
import type { JwtStatus } from './status.js';

/** The 13 algorithms jwt_verify_lib implements (`isImplemented`); the match is exact and case-sensitive. */
export const SUPPORTED_ALGS = [
  'ES256', 'ES384', 'ES512', 'HS256', 'HS384', 'HS512',
  'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'EdDSA',
] as const;
export type JwtAlg = (typeof SUPPORTED_ALGS)[number];
const ALG_SET: ReadonlySet<string> = new Set(SUPPORTED_ALGS);

export interface ParsedJwt {
  token: string;
  alg: JwtAlg;
  /** `""` when absent, as in jvl. */
  kid: string;
  header: JsonObject;
  payload: JsonObject;
  /** The payload segment exactly as sent (what `outputPayloadToHeader` forwards). */
  payloadB64: string;
  /** `header_b64 + "." + payload_b64`: the bytes the signature covers. */
  signedData: string;
  signature: Buffer;
  /** `""` when absent: a missing `iss` then fails the issuer check (JWT-43). */
  iss: string;
  sub: string;
  /** Seconds, truncated to an integer; 0 when absent (`exp` 0 means "never expires"). */
  iat: number;
  nbf: number;
  exp: number;
  audiences: string[];
}

export type ParseResult = { ok: true; jwt: ParsedJwt } | { ok: false; status: JwtStatus };

const TWO_POW_64 = 2 ** 64;

function fail(status: JwtStatus): ParseResult {
  return { ok: false, status };
}

/** jvl `StructUtils::GetUInt64`: numbers only, 0 ≤ n < 2^64, fractions truncated. */
function readTime(payload: JsonObject, name: 'iat' | 'nbf' | 'exp'): number | 'wrong-type' | 'out-of-range' {
  if (!Object.hasOwn(payload, name)) return 0;
  const v = payload[name];
  if (typeof v !== 'number') return 'wrong-type';
  if (!(v >= 0) || v >= TWO_POW_64) return 'out-of-range';
  return Math.trunc(v);
}

function readOptionalString(obj: JsonObject, name: string): string | undefined | null {
  if (!Object.hasOwn(obj, name)) return undefined;
  const v = obj[name];
  return typeof v === 'string' ? v : null;
}

const TIME_STATUS = {
  iat: ['JwtPayloadParseErrorIatNotInteger', 'JwtPayloadParseErrorIatOutOfRange'],
  nbf: ['JwtPayloadParseErrorNbfNotInteger', 'JwtPayloadParseErrorNbfOutOfRange'],
  exp: ['JwtPayloadParseErrorExpNotInteger', 'JwtPayloadParseErrorExpOutOfRange'],
} as const satisfies Record<string, readonly [JwtStatus, JwtStatus]>;

/**
 * Parses `token`. Only `alg` and `kid` are read from the header: `jku`, `x5u`, `jwk`, `crit`,
 * `typ`, `cty` are ignored, so keys always come from the configured JWKS (RFC 8725 §3.10, JWT-64).
 */
export function parseJwt(token: string): ParseResult {
  // Exactly two dots, then a split that skips empty parts must give three (`alg: none` tokens of
  // the form `h.p.` therefore fail here, JWT-13).
  const first = token.indexOf('.');
  const second = first < 0 ? -1 : token.indexOf('.', first + 1);
  if (second < 0 || token.indexOf('.', second + 1) >= 0) return fail('JwtBadFormat');
  const headerB64 = token.slice(0, first);
  const payloadB64 = token.slice(first + 1, second);
  const signatureB64 = token.slice(second + 1);
  if (headerB64 === '' || payloadB64 === '' || signatureB64 === '') return fail('JwtBadFormat');

  const headerBytes = decodeBase64Url(headerB64);
  if (!headerBytes) return fail('JwtHeaderParseErrorBadBase64');
  const header = parseJsonObject(headerBytes);
  if (!header) return fail('JwtHeaderParseErrorBadJson');
  const alg = readOptionalString(header, 'alg');
  if (alg === undefined || alg === null) return fail('JwtHeaderBadAlg');
  if (!ALG_SET.has(alg)) return fail('JwtHeaderNotImplementedAlg');
  const kid = readOptionalString(header, 'kid');
  if (kid === null) return fail('JwtHeaderBadKid');

  const payloadBytes = decodeBase64Url(payloadB64);
  if (!payloadBytes) return fail('JwtPayloadParseErrorBadBase64');
  const payload = parseJsonObject(payloadBytes);
  if (!payload) return fail('JwtPayloadParseErrorBadJson');
  const iss = readOptionalString(payload, 'iss');
  if (iss === null) return fail('JwtPayloadParseErrorIssNotString');
  const sub = readOptionalString(payload, 'sub');
  if (sub === null) return fail('JwtPayloadParseErrorSubNotString');
  const times = { iat: 0, nbf: 0, exp: 0 };
  for (const name of ['iat', 'nbf', 'exp'] as const) {
    const t = readTime(payload, name);
    if (t === 'wrong-type') return fail(TIME_STATUS[name][0]);
    if (t === 'out-of-range') return fail(TIME_STATUS[name][1]);
    times[name] = t;
  }
  if (readOptionalString(payload, 'jti') === null) return fail('JwtPayloadParseErrorJtiNotString');
  // `aud` is a string or a list of strings (`GetStringList`); anything else is a parse error even
  // when no audiences are configured (JWT-40).
  const audiences: string[] = [];
  if (Object.hasOwn(payload, 'aud')) {
    const aud = payload['aud'];
    if (typeof aud === 'string') audiences.push(aud);
    else if (Array.isArray(aud) && aud.every((a): a is string => typeof a === 'string')) audiences.push(...aud);
    else return fail('JwtPayloadParseErrorAudNotString');
  }

  const signature = decodeBase64Url(signatureB64);
  if (!signature) return fail('JwtSignatureParseErrorBadBase64');
  return {
    ok: true,
    jwt: {
      token,
      alg: alg as JwtAlg,
      kid: kid ?? '',
      header,
      payload,
      payloadB64,
      signedData: token.slice(0, second),
      signature,
      iss: iss ?? '',
      sub: sub ?? '',
      ...times,
      audiences,
    },
  };
}
