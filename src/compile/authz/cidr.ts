/**
 * IP / CIDR strings → Envoy `CidrRange`, as istiod's `util.AddrStrToCidrRange` does with Go's
 * `net/netip`: a bare address becomes /32 or /128, host bits are kept (not masked), IPv6 is printed
 * in canonical RFC 5952 form, and the prefix length is always present (it is a `UInt32Value`, so
 * `/0` prints as `prefixLen: 0`).
 */
import type { CidrRange } from '../../model/envoy-rbac.js';

export type CidrResult = { ok: true; range: CidrRange } | { ok: false; error: string };

function parseIpv4(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    // netip rejects empty octets, signs and leading zeros ("01" is ambiguous octal).
    if (!/^\d{1,3}$/.test(p) || (p.length > 1 && p.startsWith('0'))) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out.push(n);
  }
  return out;
}

/** Eight 16-bit groups, or undefined. Accepts `::` compression and a trailing dotted IPv4. */
function parseIpv6(s: string): number[] | undefined {
  if (s.includes('%')) return undefined; // zones are not allowed in prefixes
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const parseGroups = (part: string, allowV4Tail: boolean): number[] | undefined => {
    if (part === '') return [];
    const out: number[] = [];
    const groups = part.split(':');
    for (let i = 0; i < groups.length; i++) {
      const g = groups[i] as string;
      if (allowV4Tail && i === groups.length - 1 && g.includes('.')) {
        const v4 = parseIpv4(g);
        if (!v4) return undefined;
        out.push(((v4[0] as number) << 8) | (v4[1] as number), ((v4[2] as number) << 8) | (v4[3] as number));
        continue;
      }
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  if (halves.length === 1) {
    const all = parseGroups(s, true);
    return all && all.length === 8 ? all : undefined;
  }
  const head = parseGroups(halves[0] as string, false);
  const tail = parseGroups(halves[1] as string, true);
  if (!head || !tail || head.length + tail.length > 7) return undefined;
  return [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
}

/** RFC 5952 text, with Go's `::ffff:a.b.c.d` form for IPv4-mapped addresses. */
function formatIpv6(g: number[]): string {
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) {
    const a = g[6] as number;
    const b = g[7] as number;
    return `::ffff:${a >> 8}.${a & 255}.${b >> 8}.${b & 255}`;
  }
  let bestStart = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (xs: number[]) => xs.map((x) => x.toString(16)).join(':');
  if (bestStart < 0) return hex(g);
  return `${hex(g.slice(0, bestStart))}::${hex(g.slice(bestStart + bestLen))}`;
}

function parseAddr(s: string): { text: string; bits: number } | undefined {
  const v4 = parseIpv4(s);
  if (v4) return { text: v4.join('.'), bits: 32 };
  if (!s.includes(':')) return undefined;
  const v6 = parseIpv6(s);
  return v6 ? { text: formatIpv6(v6), bits: 128 } : undefined;
}

export function parseCidr(value: string): CidrResult {
  if (value === '') return { ok: false, error: 'empty address' };
  const slash = value.indexOf('/');
  const addr = parseAddr(slash < 0 ? value : value.slice(0, slash));
  if (!addr) return { ok: false, error: `invalid ip address \`${value}\`` };
  if (slash < 0) return { ok: true, range: { addressPrefix: addr.text, prefixLen: addr.bits } };
  const bits = value.slice(slash + 1);
  // netip.ParsePrefix: decimal, no sign, no leading zero, within the family's width.
  if (!/^(0|[1-9]\d{0,2})$/.test(bits) || Number(bits) > addr.bits) {
    return { ok: false, error: `invalid prefix length in \`${value}\`` };
  }
  return { ok: true, range: { addressPrefix: addr.text, prefixLen: Number(bits) } };
}
