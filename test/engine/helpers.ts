/**
 * Shared builders for engine tests: request facts with sensible defaults, a one-filter chain from
 * a hand-written rule set, and Istio golden filters from the conformance data (`MESHWARD_CONFORMANCE_DIR`,
 * default `<repo>/../shared/conformance/istio`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import type { AuthzFilter, RbacPolicy, RbacRules, RequestFacts } from '../../src/model/index.js';

export interface FactsInput {
  method?: string;
  path?: string;
  authority?: string;
  headers?: [string, string][];
  peer?: string[];
  mtls?: boolean;
  sourceIp?: string;
  destinationIp?: string;
  port?: number;
  sni?: string;
  remoteIp?: string;
  jwt?: Record<string, unknown>;
  meta?: Record<string, Record<string, unknown>>;
  tcp?: boolean;
}

export function facts(i: FactsInput = {}): RequestFacts {
  const peer = i.peer ?? [];
  const f: RequestFacts = {
    connection: {
      peerPrincipals: peer,
      mtls: i.mtls ?? peer.length > 0,
      sourceIp: i.sourceIp ?? '10.0.0.1',
      destinationIp: i.destinationIp ?? '10.0.0.2',
      destinationPort: i.port ?? 8080,
      ...(i.sni !== undefined ? { sni: i.sni } : {}),
    },
  };
  if (!i.tcp) f.http = { method: i.method ?? 'GET', path: i.path ?? '/', authority: i.authority ?? 'httpbin.foo', headers: i.headers ?? [] };
  if (i.remoteIp !== undefined) f.remoteIp = i.remoteIp;
  if (i.jwt) f.jwt = { payload: i.jwt, issuer: String(i.jwt['iss'] ?? '') };
  if (i.meta) f.filterMetadata = i.meta;
  return f;
}

/** A one-policy rule set, the policy being `{permissions: [perm], principals: [id]}`. */
export function oneRule(action: RbacRules['action'], key: string, policy: Partial<RbacPolicy>): RbacRules {
  const p: RbacPolicy = { permissions: policy.permissions ?? [{ any: true }], principals: policy.principals ?? [{ any: true }] };
  return action ? { action, policies: { [key]: p } } : { policies: { [key]: p } };
}

export function httpRbac(rules?: RbacRules, shadowRules?: RbacRules, shadowPrefix = 'istio_dry_run_allow_'): AuthzFilter {
  return {
    name: 'envoy.filters.http.rbac',
    typedConfig: {
      '@type': 'type.googleapis.com/envoy.extensions.filters.http.rbac.v3.RBAC',
      ...(rules ? { rules } : {}),
      ...(shadowRules ? { shadowRules } : {}),
      shadowRulesStatPrefix: shadowPrefix,
    },
  };
}

export function tcpRbac(rules?: RbacRules): AuthzFilter {
  return {
    name: 'envoy.filters.network.rbac',
    typedConfig: {
      '@type': 'type.googleapis.com/envoy.extensions.filters.network.rbac.v3.RBAC',
      ...(rules ? { rules } : {}),
      shadowRulesStatPrefix: 'istio_dry_run_allow_',
      statPrefix: 'tcp.',
    },
  };
}

const REPO = fileURLToPath(new URL('../..', import.meta.url));

/** The conformance folder, or undefined (tests then skip with a reason). */
export function conformanceDir(): string | undefined {
  const dir = process.env['MESHWARD_CONFORMANCE_DIR'] ?? join(REPO, '..', 'shared', 'conformance', 'istio');
  return existsSync(join(dir, 'builder')) ? dir : undefined;
}

export const NO_CONFORMANCE = 'istio conformance data not found (set MESHWARD_CONFORMANCE_DIR)';

/** One golden filter, e.g. `golden('http/allow-path-out.yaml')`. */
export function golden(dir: string, file: string): AuthzFilter {
  return parse(readFileSync(join(dir, 'builder', file), 'utf8')) as AuthzFilter;
}
