/**
 * What each defence layer buys, measured on the user's own mesh: the same reach computation on
 * the mesh with only some kinds of resources kept, recompiled each time. The surface of a
 * configuration is, per compromised workload, the number of reachable destination × port ×
 * request classes (entries of `computeReach`); reported as mean, max and total.
 *
 * The five configurations:
 * - `no policies`: no PeerAuthentication, RequestAuthentication or AuthorizationPolicy;
 * - `mTLS only`: the PeerAuthentications;
 * - `JWT only`: the RequestAuthentications, and every AuthorizationPolicy reduced to its JWT
 *   conditions — in each rule, sources keep only `requestPrincipals`/`notRequestPrincipals`, `to`
 *   is dropped, and `when` keeps only `request.auth.*` keys. An ALLOW rule left with nothing
 *   becomes `{}` (it admits everything, as it does not depend on a token); a DENY rule left with
 *   nothing is dropped; policies with no JWT condition at all, and CUSTOM/AUDIT ones, are dropped;
 * - `mTLS + authorization`: PeerAuthentications and AuthorizationPolicies, no RequestAuthentication
 *   (so claim conditions never hold, spec §2.7.5);
 * - `mTLS + JWT + authorization`: everything, as configured.
 */
import { compileMesh, type MeshInputs } from '../../compile/mesh.js';
import type { AuthorizationPolicy, Resource, Rule, Source } from '../../model/resources.js';
import { computeReach, type ReachOptions, type ReachResult } from './reach.js';
import type { LayerSurface } from './types.js';

type Keep = (rs: readonly Resource[]) => Resource[];

const isSecurity = (r: Resource): boolean => r.kind === 'AuthorizationPolicy' || r.kind === 'PeerAuthentication' || r.kind === 'RequestAuthentication';
const only = (...kinds: Resource['kind'][]): Keep => (rs) => rs.filter((r) => !isSecurity(r) || kinds.includes(r.kind));

function jwtSource(s: Source | null | undefined): Source | undefined {
  if (!s) return undefined;
  const out: Source = {};
  if (s.requestPrincipals) out.requestPrincipals = s.requestPrincipals;
  if (s.notRequestPrincipals) out.notRequestPrincipals = s.notRequestPrincipals;
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The JWT part of a rule, or undefined when it has none. */
export function jwtPartOf(rule: Rule | null): Rule | undefined {
  if (!rule) return undefined;
  const from = (rule.from ?? []).map((f) => jwtSource(f?.source)).filter((s): s is Source => s !== undefined);
  const when = (rule.when ?? []).filter((c) => c !== null && c.key.startsWith('request.auth.'));
  if (from.length === 0 && when.length === 0) return undefined;
  return { ...(from.length > 0 ? { from: from.map((source) => ({ source })) } : {}), ...(when.length > 0 ? { when } : {}) };
}

/** Reduces an AuthorizationPolicy to its JWT conditions, or drops it (see the module comment). */
export function jwtOnlyPolicy(p: AuthorizationPolicy): AuthorizationPolicy | undefined {
  const action = p.spec.action ?? 'ALLOW';
  if (action !== 'ALLOW' && action !== 'DENY') return undefined;
  const rules = p.spec.rules ?? [];
  const parts = rules.map(jwtPartOf);
  if (parts.every((x) => x === undefined)) return undefined;
  const kept = action === 'ALLOW' ? parts.map((x) => x ?? {}) : parts.filter((x): x is Rule => x !== undefined);
  return { ...p, spec: { ...p.spec, rules: kept } };
}

const jwtOnly: Keep = (rs) =>
  rs.flatMap((r): Resource[] => {
    if (r.kind === 'PeerAuthentication') return [];
    if (r.kind !== 'AuthorizationPolicy') return [r];
    const q = jwtOnlyPolicy(r as AuthorizationPolicy);
    return q ? [q] : [];
  });

export const LAYERS: readonly { name: string; description: string; keep: Keep }[] = [
  { name: 'no policies', description: 'no PeerAuthentication, RequestAuthentication or AuthorizationPolicy', keep: only() },
  { name: 'mTLS only', description: 'PeerAuthentications only', keep: only('PeerAuthentication') },
  { name: 'JWT only', description: 'RequestAuthentications and the JWT conditions of AuthorizationPolicies', keep: jwtOnly },
  { name: 'mTLS + authorization', description: 'PeerAuthentications and AuthorizationPolicies', keep: only('PeerAuthentication', 'AuthorizationPolicy') },
  { name: 'mTLS + JWT + authorization', description: 'everything, as configured', keep: (rs) => [...rs] },
];

/** Surface statistics over the workload attackers of a result. */
export function surfaceOf(r: ReachResult): { mean: number; max: number; total: number } {
  const counts = r.attackers.filter((a) => a.spec.kind === 'workload').map((a) => a.items.length);
  const total = counts.reduce((x, y) => x + y, 0);
  return { mean: counts.length ? Math.round((total / counts.length) * 100) / 100 : 0, max: counts.length ? Math.max(...counts) : 0, total };
}

/** Measures every layer; `opts.attackers` limits the compromised workloads counted. */
export function measureLayers(inputs: MeshInputs, opts: ReachOptions = {}): LayerSurface[] {
  return LAYERS.map((layer) => {
    const compiled = compileMesh({ ...inputs, resources: layer.keep(inputs.resources) });
    return { name: layer.name, description: layer.description, ...surfaceOf(computeReach(compiled, opts)) };
  });
}
