/**
 * A reach result whose every manifest-derived string is an injection attempt: workload names,
 * paths, headers, claims, token issuers, policy names, lint text and layer names.
 */
import type { LintReport, ReachReport } from '../../../src/report/html/types.js';

export const IMG = '<img src=x onerror=alert(1)>';
export const SCRIPT = '</script><script>alert(1)</script>';
export const EXTRA = `" onmouseover="alert(1)" data-pwned='<!--\u2028\u2029&amp;`;

export function hostileReport(): ReachReport {
  return {
    attackers: [
      {
        attacker: `evil/${IMG}`,
        identity: `spiffe://cluster.local/ns/evil/sa/${SCRIPT}`,
        tokens: [{ issuer: SCRIPT, audiences: [IMG], replayable: true, why: EXTRA }],
        reachable: [
          {
            to: `${SCRIPT}/${EXTRA}`,
            port: 80,
            targetPort: 8080,
            protocol: 'HTTP',
            transport: 'plaintext',
            methods: [IMG],
            paths: [SCRIPT],
            hosts: [EXTRA],
            requires: [`a token with claim role=${SCRIPT}`],
            except: [IMG],
            decidedBy: `${SCRIPT}/x rule[0]`,
            witness: { from: `evil/${IMG}`, to: SCRIPT, port: 80, method: 'GET', path: SCRIPT, host: IMG, headers: [[IMG, SCRIPT]], token: { issuer: SCRIPT, claims: { sub: IMG } }, plaintext: true },
          },
          {
            // The same, with the witness headers as a name → value map (the other accepted form).
            to: `${SCRIPT}/${EXTRA}`,
            port: 81,
            transport: 'mtls',
            methods: ['GET'],
            paths: [IMG],
            decidedBy: 'no ALLOW policy (default allow)',
            witness: { method: 'GET', path: IMG, headers: { [SCRIPT]: IMG }, plaintext: false },
          },
        ],
      },
    ],
    layers: [{ name: SCRIPT, mean: 1, max: 1, total: 1 }],
    quarantine: { identity: SCRIPT, note: IMG },
    summary: { [IMG]: SCRIPT },
  };
}

export function hostileLint(): LintReport {
  return {
    diagnostics: [
      { code: IMG, severity: 'error', message: SCRIPT, help: EXTRA, file: SCRIPT, line: 1, column: 1, resource: `AuthorizationPolicy ${SCRIPT}/x` },
    ],
  };
}
