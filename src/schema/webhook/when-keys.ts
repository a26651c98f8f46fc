/**
 * The `when` keys istiod accepts and how each checks its values (spec §2.8; istiod
 * `security.ValidateAttribute` in `pkg/config/security/security.go`). Matching is by exact name
 * or, for the bracketed keys, by prefix, exactly as istiod does it (so `request.headersX[a]` is
 * accepted like `request.headers[a]`).
 */
import { serviceAccountError, trustDomainError } from './identity-values.js';
import { ipError } from './ip.js';
import { portError } from './ports.js';

export type ValueCheck = 'none' | 'ip' | 'port' | 'service-account' | 'trust-domain';

export interface WhenKeyInfo {
  /** How each value is checked beyond "non-empty". */
  check: ValueCheck;
  /** Only evaluable on HTTP chains (spec §2.8 table). */
  httpOnly: boolean;
  /** Not allowed in CUSTOM policies (spec §3.1 item 3). */
  identity: boolean;
}

const EXACT: Readonly<Record<string, WhenKeyInfo>> = {
  'source.ip': { check: 'ip', httpOnly: false, identity: false },
  'remote.ip': { check: 'ip', httpOnly: false, identity: false },
  'source.namespace': { check: 'none', httpOnly: false, identity: true },
  'source.principal': { check: 'none', httpOnly: false, identity: true },
  'source.serviceAccount': { check: 'service-account', httpOnly: false, identity: true },
  'source.trustDomain': { check: 'trust-domain', httpOnly: false, identity: true },
  'request.auth.principal': { check: 'none', httpOnly: true, identity: true },
  'request.auth.audiences': { check: 'none', httpOnly: true, identity: true },
  'request.auth.presenter': { check: 'none', httpOnly: true, identity: true },
  'destination.ip': { check: 'ip', httpOnly: false, identity: false },
  'destination.port': { check: 'port', httpOnly: false, identity: false },
  'connection.sni': { check: 'none', httpOnly: false, identity: false },
};

/** Bracketed keys: prefix → info; the key must then have the form `a[b]`. */
const MAP_KEYS: readonly (readonly [prefix: string, info: WhenKeyInfo])[] = [
  ['request.headers', { check: 'none', httpOnly: true, identity: false }],
  ['request.auth.claims', { check: 'none', httpOnly: true, identity: true }],
  ['experimental.envoy.filters.', { check: 'none', httpOnly: false, identity: false }],
];

export type KeyResult = { ok: true; info: WhenKeyInfo } | { ok: false; reason: string };

/** istiod `validateMapKey`: `x[y]` with a non-empty `x` and `y`. */
function mapKeyOk(key: string): boolean {
  const open = key.indexOf('[');
  return key.endsWith(']') && open > 0 && open < key.length - 2;
}

/** Looks a key up; the failure reason is worded like istiod's. */
export function lookupWhenKey(key: string): KeyResult {
  // request.headers is tested first in istiod, so it must stay first here.
  const header = MAP_KEYS[0] as (typeof MAP_KEYS)[number];
  if (key.startsWith(header[0])) return mapKeyOk(key) ? { ok: true, info: header[1] } : { ok: false, reason: `bad key (${key}): should have format a[b]` };
  const exact = EXACT[key];
  if (exact) return { ok: true, info: exact };
  for (const [prefix, info] of MAP_KEYS.slice(1)) {
    if (key.startsWith(prefix)) return mapKeyOk(key) ? { ok: true, info } : { ok: false, reason: `bad key (${key}): should have format a[b]` };
  }
  if (key === 'destination.namespace') return { ok: false, reason: `attribute ${key} is replaced by the metadata.namespace` };
  if (key.startsWith('destination.labels')) return { ok: false, reason: `attribute ${key} is replaced by the workload selector` };
  if (key === 'destination.name' || key === 'destination.user') return { ok: false, reason: `deprecated attribute ${key}: only supported in v1alpha1` };
  return { ok: false, reason: `unknown attribute: ${key}` };
}

/** The message for one bad value of a known key, or undefined. */
export function whenValueError(key: string, check: ValueCheck, value: string): string | undefined {
  if (value === '') return `empty value not allowed, found in ${key}`;
  switch (check) {
    case 'ip':
      return ipError(value);
    case 'port':
      return portError(value);
    case 'service-account':
      return serviceAccountError(value, key);
    case 'trust-domain':
      return trustDomainError(value, key);
    case 'none':
      return undefined;
  }
}
