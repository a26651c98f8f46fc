/**
 * base64url decoding with the exact acceptance rules of abseil's `WebSafeBase64Unescape`, which
 * jwt_verify_lib uses for every JWT segment and JWK field (`jvl:src/jwt.cc`, `jvl:src/jwks.cc`).
 * Node's `Buffer.from(s, 'base64url')` silently drops bad characters, so it cannot decide whether
 * Envoy answers "invalid Base64url" (adversarial-cases.md JWT-04, JWT-51).
 *
 * abseil's rules (absl `Base64UnescapeInternal`, restated):
 * - the alphabet is `A-Z a-z 0-9 - _`; ASCII whitespace (space, \t, \n, \v, \f, \r) is skipped
 *   anywhere, so `sig junk` decodes like `sigjunk`;
 * - `=` and `.` are padding; after the first padding character only padding and whitespace may
 *   follow, and the count must be 0 or exactly what the data length needs (2 after 2 chars, 1 after 3);
 * - a data length of 4n+1 is invalid; unused low bits of the last character are not checked.
 */
import { isUtf8 } from 'node:buffer';

const DECODE = new Int8Array(256).fill(-1);
{
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  for (let i = 0; i < alphabet.length; i++) DECODE[alphabet.charCodeAt(i)] = i;
}

const FAST = /^[A-Za-z0-9_-]*$/;

/**
 * Whether `decoded` bytes, which Node's decoder wrote from `input`, used every character of it as a
 * base64url letter, so that abseil decodes exactly the same bytes. Node's decoder never turns a
 * character outside the base64 alphabets (padding, whitespace, anything else) into bits: it skips
 * it or stops there, so such a character leaves fewer than `⌊3·length/4⌋` bytes (for a length that
 * is not 4n+1). `+` and `/` are letters of standard base64 that Node also accepts, abseil not.
 * Cheaper than a character-class scan, and it allocates nothing.
 */
function usedEveryCharacter(input: string, decoded: number): boolean {
  return input.length % 4 !== 1 && decoded === (input.length * 3) >> 2 && !input.includes('+') && !input.includes('/');
}

function isAsciiSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

/** Decodes like abseil's `WebSafeBase64Unescape`; `undefined` where abseil returns false. */
export function decodeBase64Url(input: string): Buffer | undefined {
  // Fast path for clean input (every JWT that is not an attack): Node's decoder agrees with abseil.
  const quick = Buffer.from(input, 'base64url');
  if (usedEveryCharacter(input, quick.length)) return quick;
  if (FAST.test(input)) {
    if (input.length % 4 === 1) return undefined;
    return Buffer.from(input, 'base64url');
  }
  const out: number[] = [];
  let acc = 0;
  let state = 0; // data characters in the current quantum
  let i = 0;
  for (; i < input.length; i++) {
    const c = input.charCodeAt(i);
    const d = c < 256 ? (DECODE[c] ?? -1) : -1;
    if (d >= 0) {
      acc = (acc << 6) | d;
      if (++state === 4) {
        out.push((acc >> 16) & 0xff, (acc >> 8) & 0xff, acc & 0xff);
        acc = 0;
        state = 0;
      }
      continue;
    }
    if (isAsciiSpace(c)) continue;
    if (c === 0x3d /* = */ || c === 0x2e /* . */) break;
    return undefined;
  }
  let expectedPads = 0;
  if (state === 1) return undefined;
  if (state === 2) {
    out.push((acc >> 4) & 0xff);
    expectedPads = 2;
  } else if (state === 3) {
    out.push((acc >> 10) & 0xff, (acc >> 2) & 0xff);
    expectedPads = 1;
  }
  let pads = 0;
  for (; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c === 0x3d || c === 0x2e) pads++;
    else if (!isAsciiSpace(c)) return undefined;
  }
  if (pads !== 0 && pads !== expectedPads) return undefined;
  return Buffer.from(out);
}

/**
 * Scratch space for segments decoded only to be read as text (a JWT header or payload): they are
 * turned into a string at once, so the bytes never outlive the call and no Buffer is allocated.
 */
const TEXT_SCRATCH = Buffer.allocUnsafeSlow(8192);
const TEXT_SCRATCH_MAX_INPUT = Math.floor((TEXT_SCRATCH.length * 4) / 3);

/**
 * {@link decodeBase64Url} followed by UTF-8 decoding: the text, `undefined` where abseil rejects the
 * base64url, `null` where the bytes are not valid UTF-8 (protobuf's JSON parser rejects those).
 */
export function decodeBase64UrlText(input: string): string | undefined | null {
  const n = input.length <= TEXT_SCRATCH_MAX_INPUT ? TEXT_SCRATCH.write(input, 0, 'base64url') : -1;
  if (n >= 0 && usedEveryCharacter(input, n)) {
    const text = TEXT_SCRATCH.toString('utf8', 0, n);
    // The UTF-8 decoder turns every ill-formed sequence into U+FFFD, so text without it came from
    // valid UTF-8; with it (a real U+FFFD, or a replacement) the bytes are checked exactly.
    if (!text.includes('\uFFFD') || isUtf8(TEXT_SCRATCH.subarray(0, n))) return text;
    return null;
  }
  const bytes = decodeBase64Url(input);
  if (!bytes) return undefined;
  return isUtf8(bytes) ? bytes.toString('utf8') : null;
}
