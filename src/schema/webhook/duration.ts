/**
 * Duration strings as the webhook sees them. istiod converts the manifest with protobuf JSON
 * (`5s`, `0.002s`); the CRD's CEL `duration()` reads Go durations (`1h2m`, `300ms`). Both forms
 * are accepted here: whether istiod's conversion refuses the Go form is not settled by the spec,
 * so meshward does not reject on it. The check itself is istiod's `agent.ValidateDuration`:
 * at least 1ms and whole milliseconds.
 */

const UNIT_NS: Readonly<Record<string, bigint>> = {
  ns: 1n, us: 1000n, 'µs': 1000n, 'μs': 1000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n,
};

/** Nanoseconds of a Go or protobuf-JSON duration string, or undefined when it does not parse. */
export function parseDurationNs(text: string): bigint | undefined {
  let s = text;
  let sign = 1n;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s.startsWith('-')) sign = -1n;
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') return undefined;
  let total = 0n;
  const re = /^(\d+)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/;
  while (s.length > 0) {
    const m = re.exec(s);
    if (!m) return undefined;
    const [all, whole = '', frac = '', unit = ''] = m;
    const scale = UNIT_NS[unit] as bigint;
    const fracDigits = frac.slice(0, 18);
    total += BigInt(whole) * scale + (fracDigits === '' ? 0n : (BigInt(fracDigits) * scale) / 10n ** BigInt(fracDigits.length));
    s = s.slice(all.length);
  }
  return sign * total;
}

/** istiod's message for a bad duration, or undefined when it is valid. */
export function durationError(text: string): string | undefined {
  const ns = parseDurationNs(text);
  if (ns === undefined) return `invalid duration \`${text}\``;
  if (ns < 1_000_000n) return `duration must be greater than 1ms, found \`${text}\``;
  if (ns % 1_000_000n !== 0n) return `only durations to ms precision are supported, found \`${text}\``;
  return undefined;
}
