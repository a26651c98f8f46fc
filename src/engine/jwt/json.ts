/**
 * JSON decoding as jwt_verify_lib does it: protobuf's `JsonStringToMessage` into a
 * `google.protobuf.Struct`, which accepts only a JSON *object* in valid UTF-8 (so a header that
 * decodes to `[]`, `"x"` or `{"alg":"RS256",}` is "an invalid JSON", adversarial-cases.md JWT-52).
 *
 * Known gap: protobuf's parser also caps nesting depth (100) and may treat duplicate keys
 * differently from `JSON.parse` (last one wins here).
 */

import { isUtf8 } from 'node:buffer';

export type JsonObject = Record<string, unknown>;

/** The decoded object, or `undefined` when protobuf's Struct parser would reject the bytes. */
export function parseJsonObject(bytes: Buffer): JsonObject | undefined {
  if (!isUtf8(bytes)) return undefined;
  return parseJsonObjectText(bytes.toString('utf8'));
}

/** Same as {@link parseJsonObject} for text that is already a string. */
export function parseJsonObjectText(text: string): JsonObject | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  return value as JsonObject;
}
