/**
 * Types a plain (unquoted, untagged) YAML scalar the way Kubernetes does. kubectl and the API
 * server turn YAML into JSON with sigs.k8s.io/yaml, which decodes with its fork of go-yaml v2
 * into `interface{}`; so YAML 1.1 rules apply, not YAML 1.2:
 * - booleans: `y Y yes Yes YES true True TRUE on On ON` and their negatives
 *   (`n N no No NO false False FALSE off Off OFF`); so `sidecar.istio.io/inject: yes` is a boolean
 *   and fails where a string is required;
 * - null: empty, `~`, `null`, `Null`, `NULL`;
 * - integers through Go's `strconv.ParseInt(s, 0, 64)` after dropping `_`: `0x1F`, `0o17`,
 *   `0b101`, and C-style octal `017` (= 15);
 * - floats per the YAML 1.1 regexp, plus `.inf`/`.nan` forms (not representable in JSON, so they
 *   stay strings here and fail type checks like they fail JSON conversion);
 * - timestamps stay strings (go-yaml v2 keeps them as strings when decoding into `interface{}`).
 * Base-60 numbers (`1:20`) are strings, as go-yaml never supported them.
 * Source: sigs.k8s.io/yaml `goyaml.v2/resolve.go` (`resolveMapList`, `resolve`).
 */
import type { ScalarValue } from '../../schema/tree.js';

const TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON']);
const FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF']);
const NULL = new Set(['', '~', 'null', 'Null', 'NULL']);
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const GO_INT = /^[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/;

/** Go's `strconv.ParseInt(s, 0, 64)`, returning undefined where Go returns an error. */
function parseGoInt(s: string): number | undefined {
  if (!GO_INT.test(s)) return undefined;
  const neg = s.startsWith('-');
  const body = s.replace(/^[-+]/, '');
  let n: bigint;
  if (/^0[xXoObB]/.test(body)) n = BigInt(body.toLowerCase());
  else if (body.length > 1 && body.startsWith('0')) n = BigInt(`0o${body.slice(1)}`);
  else n = BigInt(body);
  if (neg) n = -n;
  // Beyond int64 (and uint64) Go fails; beyond 2^53 JSON consumers lose precision anyway.
  if (n > 18446744073709551615n || n < -9223372036854775808n) return undefined;
  return Number(n);
}

/** Resolves the text of a plain scalar to the value Kubernetes would see. */
export function resolvePlainScalar(text: string): ScalarValue {
  if (NULL.has(text)) return null;
  if (TRUE.has(text)) return true;
  if (FALSE.has(text)) return false;
  const first = text.charCodeAt(0);
  const digitOrSign = (first >= 48 && first <= 57) || text[0] === '-' || text[0] === '+';
  if (text[0] === '.') {
    // `.5` is a float; `.inf`/`.nan` are floats JSON cannot carry, so they stay text.
    return YAML_FLOAT.test(text) ? Number(text) : text;
  }
  if (!digitOrSign) return text;
  const plain = text.replaceAll('_', '');
  const int = parseGoInt(plain);
  if (int !== undefined) return int;
  if (YAML_FLOAT.test(plain)) return Number(plain);
  return text;
}

/**
 * Resolves a scalar with an explicit standard tag (`!!str`, `!!int`, …). Returns an error
 * message when the text does not fit the tag, like go-yaml's "cannot decode !!int `x`".
 */
export function resolveTaggedScalar(tag: string, text: string): { value: ScalarValue } | { error: string } {
  const short = tag.replace('tag:yaml.org,2002:', '!!');
  switch (short) {
    case '!!str':
    case '!!binary':
    case '!!timestamp':
      return { value: text };
    case '!!null':
      return NULL.has(text) ? { value: null } : { error: `cannot decode !!null \`${text}\`` };
    case '!!bool':
      if (TRUE.has(text)) return { value: true };
      if (FALSE.has(text)) return { value: false };
      return { error: `cannot decode !!bool \`${text}\`` };
    case '!!int': {
      const v = resolvePlainScalar(text);
      return typeof v === 'number' && Number.isInteger(v) && !text.includes('.') ? { value: v } : { error: `cannot decode !!int \`${text}\`` };
    }
    case '!!float': {
      const v = resolvePlainScalar(text);
      return typeof v === 'number' ? { value: v } : { error: `cannot decode !!float \`${text}\`` };
    }
    default:
      // Application tags (`!foo`) do not change the value for an `interface{}` target.
      return { value: text };
  }
}
