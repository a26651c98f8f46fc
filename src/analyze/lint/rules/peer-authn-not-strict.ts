import type { LintRule } from '../rule.js';

/** Spec §5.3–§5.4, §9 item 1 (any lower level may weaken the mesh-wide STRICT). */
export const peerAuthnNotStrict: LintRule = {
  id: 'MW116',
  name: 'peer-authn-not-strict',
  severity: 'warning',
  summary: 'a PeerAuthentication accepts plaintext (PERMISSIVE or DISABLE)',
  description: [
    'PERMISSIVE accepts both mTLS and plaintext; DISABLE accepts only plaintext (spec §5.4). A plaintext caller has no',
    'peer identity, so identity-based authorization cannot see it (AZ-36/38/39), and traffic is unencrypted. A',
    'namespace, workload or port-level policy overrides the mesh-wide STRICT one (spec §5.3, §9 item 1). PERMISSIVE is a',
    'migration step; keep it temporary and scoped.',
  ].join(' '),
  fix: {
    text: 'Use STRICT, or limit a plaintext exception to the one port that needs it.',
    example: 'spec:\n  selector: {matchLabels: {app: legacy-adapter}}\n  mtls: {mode: STRICT}\n  portLevelMtls:\n    "9090": {mode: PERMISSIVE}   # metrics scraped without mTLS',
  },
  check(ctx, report) {
    for (const pa of ctx.peerAuthentications) {
      const mode = pa.spec.mtls?.mode;
      if (mode === 'PERMISSIVE' || mode === 'DISABLE') {
        report({
          resource: pa,
          path: ['spec', 'mtls', 'mode'],
          message: `mTLS mode \`${mode}\` accepts plaintext connections, which carry no peer identity`,
          help: 'use `STRICT` once every caller has a sidecar; keep plaintext exceptions to a workload selector and port (`portLevelMtls`)',
        });
      }
      for (const [port, setting] of Object.entries(pa.spec.portLevelMtls ?? {})) {
        const pm = setting?.mode;
        if (pm !== 'PERMISSIVE' && pm !== 'DISABLE') continue;
        report({
          resource: pa,
          path: ['spec', 'portLevelMtls', port, 'mode'],
          message: `port \`${port}\` uses mTLS mode \`${pm}\` and accepts plaintext connections`,
          help: 'make sure only non-sensitive traffic (e.g. metrics scraping) uses this port, or use `STRICT`',
        });
      }
    }
  },
};
