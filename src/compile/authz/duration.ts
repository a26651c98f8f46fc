/**
 * Durations (`10s`, `0.002s`, or Go-style `1m30s`, `500ms`), read once for the mesh config's
 * ext_authz timeouts and RequestAuthentication's JWKS `timeout`; → protobuf-JSON
 * `google.protobuf.Duration` text: whole seconds, then 0, 3, 6 or 9 fractional digits, then `s`.
 */
const UNIT_NANOS: Readonly<Record<string, bigint>> = {
  ns: 1n, us: 1000n, 'µs': 1000n, ms: 1_000_000n, s: 1_000_000_000n, m: 60_000_000_000n, h: 3_600_000_000_000n,
};

/** Nanoseconds of a protobuf-JSON or Go duration (`5s`, `0.5s`, `1m30s`), or `undefined`. */
export function durationNanos(text: string): bigint | undefined {
  const re = /(\d+)(?:\.(\d+))?(ns|us|µs|ms|s|m|h)/gy;
  let total = 0n;
  let seen = false;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const unit = UNIT_NANOS[m[3] as string] as bigint;
    const frac = m[2] ?? '';
    // Fractions finer than a nanosecond are truncated, as Go's time.ParseDuration does.
    const scale = 10n ** BigInt(frac.length);
    total += BigInt(m[1] as string) * unit + (frac ? (BigInt(frac) * unit) / scale : 0n);
    seen = true;
    if (re.lastIndex === text.length) return total;
  }
  return !seen && text === '0' ? 0n : undefined;
}

/** `undefined` when the text is not a non-negative duration. */
export function formatDuration(text: string): string | undefined {
  const nanos = durationNanos(text.trim());
  if (nanos === undefined) return undefined;
  const secs = nanos / 1_000_000_000n;
  const rem = nanos % 1_000_000_000n;
  if (rem === 0n) return `${secs}s`;
  let frac = rem.toString().padStart(9, '0');
  if (frac.endsWith('000000')) frac = frac.slice(0, 3);
  else if (frac.endsWith('000')) frac = frac.slice(0, 6);
  return `${secs}.${frac}s`;
}
