/**
 * Connection-level generators (available on TCP and HTTP chains): source/remote/destination IP,
 * destination port and TLS SNI. Source: `srcIPGenerator`, `remoteIPGenerator`, `destIPGenerator`,
 * `destPortGenerator`, `connSNIGenerator` in `pilot/pkg/security/authz/model/generator.go`.
 */
import type { Permission, Principal } from '../../../model/envoy-rbac.js';
import { parseCidr } from '../cidr.js';
import { patternMatcher } from '../string-matcher.js';
import { fail, ok, type SimpleGenerator } from './generator.js';

/** `ipBlocks` / `source.ip`: the direct peer address, which XFF cannot forge. */
export const sourceIpGenerator: SimpleGenerator<Principal> = {
  shape: 'simple',
  httpOnly: false,
  leaf: (_key, value) => {
    const r = parseCidr(value);
    return r.ok ? ok({ directRemoteIp: r.range }) : fail(r.error);
  },
};

/** `remoteIpBlocks` / `remote.ip`: the "original client" address (XFF / PROXY protocol). */
export const remoteIpGenerator: SimpleGenerator<Principal> = {
  shape: 'simple',
  httpOnly: false,
  leaf: (_key, value) => {
    const r = parseCidr(value);
    return r.ok ? ok({ remoteIp: r.range }) : fail(r.error);
  },
};

export const destinationIpGenerator: SimpleGenerator<Permission> = {
  shape: 'simple',
  httpOnly: false,
  leaf: (_key, value) => {
    const r = parseCidr(value);
    return r.ok ? ok({ destinationIp: r.range }) : fail(r.error);
  },
};

/** Go `strconv.ParseUint(v, 10, 32)` then `<= 65535`: digits only, leading zeros allowed. */
export function parsePort(value: string): number | undefined {
  if (!/^\d+$/.test(value)) return undefined;
  const n = Number(value);
  return n <= 65535 ? n : undefined;
}

/** `ports` / `destination.port`: the workload (target) port after redirection. */
export const destinationPortGenerator: SimpleGenerator<Permission> = {
  shape: 'simple',
  httpOnly: false,
  leaf: (_key, value) => {
    const port = parsePort(value);
    return port === undefined ? fail(`invalid port \`${value}\``) : ok({ destinationPort: port });
  },
};

export const connectionSniGenerator: SimpleGenerator<Permission> = {
  shape: 'simple',
  httpOnly: false,
  leaf: (_key, value) => ok({ requestedServerName: patternMatcher(value) }),
};
