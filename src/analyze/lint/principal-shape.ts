/**
 * Can a `principals` value ever match an Istio peer identity? Istio identities are
 * `spiffe://<td>/ns/<ns>/sa/<sa>`; Istio prepends `spiffe://` to the value and applies the value
 * pattern grammar (spec §2.6, §2.7.1): `*` presence, `*x` suffix, `x*` prefix, else exact.
 */
import { trustDomainBundle, type MeshConfig } from '../../model/mesh.js';

export type PrincipalProblem =
  | { kind: 'spiffe-prefix' }
  | { kind: 'malformed'; reason: string }
  | { kind: 'foreign-trust-domain'; trustDomain: string };

const SHAPE = ['<td>', 'ns', '<ns>', 'sa', '<sa>'] as const;

/** Whether `part` can fill template slot `i`; `partial` means only a prefix/suffix of the slot is given. */
function slotOk(i: number, part: string, partial: 'prefix' | 'suffix' | undefined): boolean {
  const want = SHAPE[i];
  if (want === undefined) return false;
  if (!want.startsWith('<')) {
    if (partial === 'prefix') return want.startsWith(part);
    if (partial === 'suffix') return want.endsWith(part);
    return part === want;
  }
  return partial ? true : part.length > 0;
}

function shapeReason(value: string): string | undefined {
  const expect = '`<trust-domain>/ns/<namespace>/sa/<service-account>`';
  if (value.startsWith('*')) {
    // Suffix: align the last part with `<sa>`; the first given part may be partial.
    const parts = value.slice(1).split('/');
    if (parts.length > SHAPE.length) return `it has more than ${SHAPE.length} \`/\`-separated parts`;
    const offset = SHAPE.length - parts.length;
    for (let i = 0; i < parts.length; i++) {
      if (!slotOk(offset + i, parts[i] as string, i === 0 ? 'suffix' : undefined)) return `no identity of the form ${expect} ends with \`${value.slice(1)}\``;
    }
    return undefined;
  }
  if (value.endsWith('*')) {
    const parts = value.slice(0, -1).split('/');
    if (parts.length > SHAPE.length) return `it has more than ${SHAPE.length} \`/\`-separated parts`;
    for (let i = 0; i < parts.length; i++) {
      if (!slotOk(i, parts[i] as string, i === parts.length - 1 ? 'prefix' : undefined)) return `no identity of the form ${expect} starts with \`${value.slice(0, -1)}\``;
    }
    return undefined;
  }
  const parts = value.split('/');
  if (parts.length === 1) return `a bare name is matched as the exact identity \`spiffe://${value}\`, which no workload has`;
  if (parts.length !== SHAPE.length || !parts.every((p, i) => slotOk(i, p, undefined))) return `it is not of the form ${expect}`;
  return undefined;
}

/** The reason a principal value can never match a mesh identity, or undefined when it can. */
export function principalProblem(value: string, mesh: Pick<MeshConfig, 'trustDomain' | 'trustDomainAliases'>): PrincipalProblem | undefined {
  if (value === '*') return undefined;
  if (/^\*?spiffe:\/\//.test(value)) return { kind: 'spiffe-prefix' };
  const reason = shapeReason(value);
  if (reason) return { kind: 'malformed', reason };
  if (value.startsWith('*')) return undefined;
  const parts = value.split('/');
  if (parts.length < 2) return undefined; // `clus*`: the trust domain is not complete
  const td = parts[0] as string;
  // `cluster.local` is rewritten to every bundle entry (spec §2.7.1), so it always matches the mesh.
  const bundle = trustDomainBundle(mesh);
  if (td === 'cluster.local' || bundle.includes(td)) return undefined;
  return { kind: 'foreign-trust-domain', trustDomain: td };
}
