/**
 * IP addresses and `envoy.config.core.v3.CidrRange`, as Envoy's `Network::Address::CidrRange`
 * evaluates them (`source/common/network/cidr_range.cc`): the range's address is masked to
 * `prefixLen` (absent = 0), an address matches when it has the same IP version and the same
 * masked bits. IPv4 never matches an IPv6 range, IPv4-mapped IPv6 addresses included.
 */
import { MeshwardError } from '../../model/errors.js';
import type { CidrRange } from '../../model/envoy-rbac.js';

/** An IPv4 address as one 32-bit word, IPv6 as four; words are unsigned. */
export interface ParsedIp {
  readonly version: 4 | 6;
  readonly words: readonly number[];
}

function parseV4(s: string): number | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    // inet_pton refuses empty parts, leading zeros and values past 255.
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

function parseV6(s: string): number[] | undefined {
  let head = s;
  let v4Tail: number | undefined;
  const lastColon = s.lastIndexOf(':');
  if (s.indexOf('.', lastColon) >= 0) {
    v4Tail = parseV4(s.slice(lastColon + 1));
    if (v4Tail === undefined) return undefined;
    head = s.slice(0, lastColon + 1) + '0:0';
  }
  const halves = head.split('::');
  if (halves.length > 2) return undefined;
  const groups = (h: string): number[] | undefined => {
    if (h === '') return [];
    const out: number[] = [];
    for (const g of h.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const left = groups(halves[0] as string);
  const right = halves.length === 2 ? groups(halves[1] as string) : [];
  if (!left || !right) return undefined;
  const missing = 8 - left.length - right.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const all = [...left, ...new Array<number>(missing).fill(0), ...right];
  if (v4Tail !== undefined) {
    all[6] = Math.floor(v4Tail / 65536);
    all[7] = v4Tail % 65536;
  }
  const words: number[] = [];
  for (let i = 0; i < 8; i += 2) words.push(((all[i] as number) * 65536 + (all[i + 1] as number)) >>> 0);
  return words;
}

/** Parses a literal IPv4 or IPv6 address (no brackets, no zone, no port); undefined when invalid. */
export function parseIp(s: string): ParsedIp | undefined {
  if (s.includes(':')) {
    const w = parseV6(s);
    return w ? { version: 6, words: w } : undefined;
  }
  const n = parseV4(s);
  return n === undefined ? undefined : { version: 4, words: [n] };
}

function maskWord(bitsLeft: number): number {
  if (bitsLeft >= 32) return 0xffffffff;
  if (bitsLeft <= 0) return 0;
  return (0xffffffff << (32 - bitsLeft)) >>> 0;
}

export interface CompiledCidr {
  test(ip: ParsedIp | undefined): boolean;
  readonly label: string;
}

/** Compiles a CidrRange; throws `ERR_RBAC_CONFIG` for an unparsable address or prefix length. */
export function compileCidr(range: CidrRange): CompiledCidr {
  const ip = parseIp(range.addressPrefix);
  const len = range.prefixLen ?? 0;
  const max = ip?.version === 4 ? 32 : 128;
  if (!ip || !Number.isInteger(len) || len < 0 || len > max) {
    throw new MeshwardError('ERR_RBAC_CONFIG', `invalid cidr range \`${range.addressPrefix}/${String(range.prefixLen)}\``);
  }
  const masks = ip.words.map((_, i) => maskWord(len - 32 * i));
  const want = ip.words.map((w, i) => (w & (masks[i] as number)) >>> 0);
  return {
    label: `\`${range.addressPrefix}/${len}\``,
    test(addr) {
      if (!addr || addr.version !== ip.version) return false;
      for (let i = 0; i < want.length; i++) {
        if (((addr.words[i] as number) & (masks[i] as number)) >>> 0 !== want[i]) return false;
      }
      return true;
    },
  };
}
