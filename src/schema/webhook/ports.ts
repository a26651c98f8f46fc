/**
 * Port strings of `ports`/`notPorts` and `destination.port`, checked like istiod's
 * `security.ValidatePorts` (`pkg/config/security/security.go`): `strconv.ParseUint(p, 10, 32)`
 * must succeed and the result be at most 65535. So `0` is valid, while names, ranges, signs and
 * `*` are not.
 */

/** istiod's message for a bad port, or undefined when the value is a valid port. */
export function portError(value: string): string | undefined {
  if (!/^\d+$/.test(value)) return `bad port (${value}): strconv.ParseUint: parsing ${JSON.stringify(value)}: invalid syntax`;
  const n = Number(value);
  if (n > 0xffffffff) return `bad port (${value}): strconv.ParseUint: parsing ${JSON.stringify(value)}: value out of range`;
  // Go formats the nil error of an in-range-but-too-large port literally as `<nil>`.
  if (n > 65535) return `bad port (${value}): <nil>`;
  return undefined;
}
