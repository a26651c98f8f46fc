import type { LintRule } from '../rule.js';
import { conditionSites, listText, sourceSites } from '../authz-sites.js';

/** Spec §2.4 notes; adversarial AZ-32: at a sidecar `remote.ip` is the right-most X-Forwarded-For entry. */
export const remoteIpAtSidecar: LintRule = {
  id: 'MW108',
  name: 'remote-ip-at-sidecar',
  severity: 'warning',
  summary: '`remoteIpBlocks` / `remote.ip` on a sidecar trusts the client-supplied X-Forwarded-For header',
  description: [
    '`remote.ip` is the "original client" address. Gateways compute it from X-Forwarded-For using',
    '`gatewayTopology.numTrustedProxies`; sidecar inbound listeners run with `use_remote_address=false`, so Envoy takes',
    'the right-most X-Forwarded-For entry the caller sent (spec §2.4, adversarial AZ-32). Any pod can therefore pick its',
    '`remote.ip` at a sidecar: an ALLOW is satisfied and a DENY is bypassed by setting the header.',
  ].join(' '),
  fix: {
    text: 'At sidecars use `ipBlocks` / `source.ip` (the direct peer) or, better, an identity; use `remoteIpBlocks` only on gateways with `numTrustedProxies` set.',
    example: 'from:\n- source:\n    ipBlocks: ["10.8.3.0/24"]   # direct peer, not spoofable by a header',
  },
  check(ctx, report) {
    for (const ap of ctx.authorizationPolicies) {
      const sidecars = ctx
        .attachedTo(ap)
        .filter((v) => v.workload.proxy === 'sidecar' && v.workload.labels['gateway.networking.k8s.io/gateway-name'] === undefined)
        .map((v) => v.key);
      if (sidecars.length === 0) continue;
      const sites = [
        ...sourceSites(ap, ['remoteIpBlocks', 'notRemoteIpBlocks']).map((s) => ({ path: s.path, what: `\`${s.field}\``, value: s.value })),
        ...conditionSites(ap, (k) => k === 'remote.ip').map((s) => ({ path: s.path, what: '`remote.ip`', value: s.value })),
      ];
      for (const s of sites) {
        report({
          resource: ap,
          path: s.path,
          message: `${s.what} value \`${s.value}\` is checked at the sidecars of ${listText(sidecars)}, where \`remote.ip\` comes from the client's X-Forwarded-For header`,
          help: 'use `ipBlocks` (the direct peer address) or a peer identity at sidecars; keep `remoteIpBlocks` for gateways with `meshConfig.defaultConfig.gatewayTopology.numTrustedProxies` set',
        });
      }
    }
  },
};
