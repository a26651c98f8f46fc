/**
 * IP and CIDR checks as istiod's `security.ValidateIPs` does them with Go's `net/netip`
 * (`pkg/config/security/security.go`): a value containing `/` must parse with `netip.ParsePrefix`,
 * anything else with `netip.ParseAddr`. netip is strict: no leading zeros in IPv4 octets, no
 * zones in prefixes, prefix lengths in decimal without leading zeros.
 */

function isIpv4(s: string): boolean {
  const parts = s.split('.');
  if (parts.length !== 4) return false;
  return parts.every((p) => /^\d{1,3}$/.test(p) && !(p.length > 1 && p.startsWith('0')) && Number(p) <= 255);
}

function isIpv6(s: string): boolean {
  const halves = s.split('::');
  if (halves.length > 2) return false;
  let groups = 0;
  for (let h = 0; h < halves.length; h++) {
    const part = halves[h] as string;
    if (part === '') continue;
    const items = part.split(':');
    for (let i = 0; i < items.length; i++) {
      const g = items[i] as string;
      const last = h === halves.length - 1 && i === items.length - 1;
      if (last && g.includes('.')) {
        if (!isIpv4(g)) return false;
        groups += 2;
      } else if (/^[0-9a-fA-F]{1,4}$/.test(g)) groups += 1;
      else return false;
    }
  }
  return halves.length === 2 ? groups < 8 : groups === 8;
}

/** `netip.ParseAddr`: IPv4, or IPv6 with an optional `%zone`. */
export function isIpAddress(s: string): boolean {
  if (isIpv4(s)) return true;
  const zone = s.indexOf('%');
  if (zone >= 0) return zone < s.length - 1 && isIpv6(s.slice(0, zone));
  return s.includes(':') && isIpv6(s);
}

/** Why `netip.ParsePrefix` rejects `s`, or undefined when it parses. */
export function prefixError(s: string): string | undefined {
  const slash = s.lastIndexOf('/');
  const addr = s.slice(0, slash);
  const bits = s.slice(slash + 1);
  const v4 = isIpv4(addr);
  if (!v4 && (addr.includes('%') || !addr.includes(':') || !isIpv6(addr))) {
    return `netip.ParsePrefix(${JSON.stringify(s)}): ParseAddr(${JSON.stringify(addr)}): unable to parse IP`;
  }
  if (!/^\d+$/.test(bits) || (bits.length > 1 && bits.startsWith('0'))) {
    return `netip.ParsePrefix(${JSON.stringify(s)}): bad bits after slash: ${JSON.stringify(bits)}`;
  }
  if (Number(bits) > (v4 ? 32 : 128)) return `netip.ParsePrefix(${JSON.stringify(s)}): prefix length out of range`;
  return undefined;
}

/** istiod's message for a bad value, or undefined when the value is a valid IP or CIDR. */
export function ipError(value: string): string | undefined {
  if (value.includes('/')) {
    const err = prefixError(value);
    return err === undefined ? undefined : `bad CIDR range (${value}): ${err}`;
  }
  return isIpAddress(value) ? undefined : `bad IP address (${value})`;
}
