import type { LintRule } from '../rule.js';
import { actionOf, listText } from '../authz-sites.js';

/** Spec §2.10 ("an HTTP-type provider is silently skipped on TCP chains"), §10. */
export const customHttpProviderOnTcp: LintRule = {
  id: 'MW126',
  name: 'custom-http-provider-on-tcp',
  severity: 'warning',
  summary: 'a CUSTOM policy with an HTTP ext_authz provider does not check TCP traffic at all',
  description: [
    'An `envoyExtAuthzHttp` provider can only be called from HTTP filter chains. On the TCP ports of the selected',
    'workloads istiod emits no ext_authz filter for it, so TCP connections are never sent to the authorizer — the',
    'policy protects nothing there (spec §2.10, §10). gRPC providers (`envoyExtAuthzGrpc`) also work on TCP.',
  ].join(' '),
  fix: {
    text: 'Use a gRPC ext_authz provider, or protect the TCP ports with ALLOW/DENY policies on identities and ports.',
    example: 'extensionProviders:\n- name: my-ext-authz\n  envoyExtAuthzGrpc:\n    service: ext-authz.auth.svc.cluster.local\n    port: 9000',
  },
  check(ctx, report) {
    const hits = new Map<string, string[]>();
    for (const v of ctx.workloads) {
      if (v.tcpPorts.length === 0 || !v.policies.some((p) => actionOf(p) === 'CUSTOM')) continue;
      for (const n of ctx.authzNotes(v)) {
        if (n.kind !== 'custom-skipped-tcp') continue;
        const list = hits.get(n.policy) ?? [];
        list.push(...v.tcpPorts.map((p) => `${v.key}:${p.targetPort}`));
        hits.set(n.policy, list);
      }
    }
    for (const ap of ctx.authorizationPolicies) {
      const ports = hits.get(`${ctx.namespaceOf(ap)}/${ap.metadata.name}`);
      if (!ports) continue;
      report({
        resource: ap,
        path: ['spec', 'provider', 'name'],
        message: `provider \`${ap.spec.provider?.name ?? ''}\` is an HTTP ext_authz provider: TCP connections to ${listText(ports, 3)} are never checked by it`,
        help: 'use an `envoyExtAuthzGrpc` provider, or guard the TCP ports with ALLOW/DENY policies on identities and `ports`',
      });
    }
  },
};
