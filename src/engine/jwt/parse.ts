/**
 * Parsing a compact JWT the way `jvl:src/jwt.cc` `Jwt::parseFromString` does, including the order
 * of its checks: the first failing check decides Envoy's message (adversarial-cases.md B.0 step 1).
 */
import { decodeBase64Url, decodeBase64UrlText } from './base64url.js';
import { parseJsonObjectText, type JsonObject } from './json.js';
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

/**
 * jvl `StructUtils::GetUInt64`: numbers only, 0 ≤ n < 2^64, fractions truncated; 0 when absent.
 * -1 stands for "not a number", -2 for "out of range" (a valid time is never negative).
 */
function readTime(payload: JsonObject, name: 'iat' | 'nbf' | 'exp'): number {
  if (!Object.hasOwn(payload, name)) return 0;
  const v = payload[name];
  if (typeof v !== 'number') return -1;
  if (!(v >= 0) || v >= TWO_POW_64) return -2;
  return Math.trunc(v);
}

function readOptionalString(obj: JsonObject, name: string): string | undefined | null {
  if (!Object.hasOwn(obj, name)) return undefined;
  const v = obj[name];
  return typeof v === 'string' ? v : null;
}

/** The payload's `aud` as a list, or `null` when it is neither a string nor a list of strings. */
function readAudiences(payload: JsonObject): string[] | null {
  if (!Object.hasOwn(payload, 'aud')) return [];
  const aud = payload['aud'];
  if (typeof aud === 'string') return [aud];
  if (!Array.isArray(aud)) return null;
  for (const a of aud) if (typeof a !== 'string') return null;
  return (aud as string[]).slice();
}

/**
 * Parses `token` into a {@link ParsedJwt}, or the status of the first failing check. The hot path
 * of the filter: it builds no result wrapper, and each segment is decoded exactly once.
 */
export function parseJwtOrStatus(token: string): ParsedJwt | JwtStatus {
  // Exactly two dots, then a split that skips empty parts must give three (`alg: none` tokens of
  // the form `h.p.` therefore fail here, JWT-13).
  const first = token.indexOf('.');
  const second = first < 0 ? -1 : token.indexOf('.', first + 1);
  if (second < 0 || token.indexOf('.', second + 1) >= 0) return 'JwtBadFormat';
  // Empty segments: a dot at the start, two dots side by side, or a dot at the end.
  if (first === 0 || second === first + 1 || second === token.length - 1) return 'JwtBadFormat';
  const headerB64 = token.slice(0, first);
  const payloadB64 = token.slice(first + 1, second);

  const headerText = decodeBase64UrlText(headerB64);
  if (headerText === undefined) return 'JwtHeaderParseErrorBadBase64';
  const header = headerText === null ? undefined : parseJsonObjectText(headerText);
  if (!header) return 'JwtHeaderParseErrorBadJson';
  const alg = readOptionalString(header, 'alg');
  if (alg === undefined || alg === null) return 'JwtHeaderBadAlg';
  if (!ALG_SET.has(alg)) return 'JwtHeaderNotImplementedAlg';
  const kid = readOptionalString(header, 'kid');
  if (kid === null) return 'JwtHeaderBadKid';

  const payloadText = decodeBase64UrlText(payloadB64);
  if (payloadText === undefined) return 'JwtPayloadParseErrorBadBase64';
  const payload = payloadText === null ? undefined : parseJsonObjectText(payloadText);
  if (!payload) return 'JwtPayloadParseErrorBadJson';
  const iss = readOptionalString(payload, 'iss');
  if (iss === null) return 'JwtPayloadParseErrorIssNotString';
  const sub = readOptionalString(payload, 'sub');
  if (sub === null) return 'JwtPayloadParseErrorSubNotString';
  const iat = readTime(payload, 'iat');
  if (iat < 0) return iat === -1 ? 'JwtPayloadParseErrorIatNotInteger' : 'JwtPayloadParseErrorIatOutOfRange';
  const nbf = readTime(payload, 'nbf');
  if (nbf < 0) return nbf === -1 ? 'JwtPayloadParseErrorNbfNotInteger' : 'JwtPayloadParseErrorNbfOutOfRange';
  const exp = readTime(payload, 'exp');
  if (exp < 0) return exp === -1 ? 'JwtPayloadParseErrorExpNotInteger' : 'JwtPayloadParseErrorExpOutOfRange';
  if (readOptionalString(payload, 'jti') === null) return 'JwtPayloadParseErrorJtiNotString';
  // `aud` is a string or a list of strings (`GetStringList`); anything else is a parse error even
  // when no audiences are configured (JWT-40).
  const audiences = readAudiences(payload);
  if (audiences === null) return 'JwtPayloadParseErrorAudNotString';

  const signature = decodeBase64Url(token.slice(second + 1));
  if (!signature) return 'JwtSignatureParseErrorBadBase64';
  return {
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
    iat,
    nbf,
    exp,
    audiences,
  };
}

/**
 * Parses `token`. Only `alg` and `kid` are read from the header: `jku`, `x5u`, `jwk`, `crit`,
 * `typ`, `cty` are ignored, so keys always come from the configured JWKS (RFC 8725 §3.10, JWT-64).
 */
export function parseJwt(token: string): ParseResult {
  const r = parseJwtOrStatus(token);
  return typeof r === 'string' ? { ok: false, status: r } : { ok: true, jwt: r };
}
