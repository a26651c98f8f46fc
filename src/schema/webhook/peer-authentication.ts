/**
 * istiod's PeerAuthentication webhook rules (spec §3.2; `ValidatePeerAuthentication` in
 * `pkg/config/validation/validation.go`). `mode` values are the structural validator's job.
 */
import type { PeerAuthentication } from '../../model/resources.js';
import type { Findings } from './report.js';
import { checkWorkloadSelector } from './selector.js';
import { field, isObj, obj } from './values.js';

export function validatePeerAuthentication(policy: PeerAuthentication, f: Findings): void {
  const spec: unknown = policy.spec;
  const labels = obj(obj(spec, 'selector'), 'matchLabels');
  const emptySelector = labels === undefined || Object.keys(labels).length === 0;
  const portLevel = field(spec, 'portLevelMtls');
  if (isObj(portLevel)) {
    const ports = Object.keys(portLevel);
    if (emptySelector && ports.length > 0) {
      f.add('MW050', { path: ['spec', 'portLevelMtls'], key: true }, 'mesh/namespace peer authentication cannot have port level mTLS');
    }
    if (ports.length === 0) f.add('MW051', ['spec', 'portLevelMtls'], 'port level mTLS, if defined, must have at least one element');
    for (const port of ports) {
      // Keys become Go uint32 map keys: anything else fails conversion, which istiod also rejects.
      const n = /^\d+$/.test(port) ? Number(port) : NaN;
      if (!(n >= 1 && n <= 65535)) {
        f.add('MW052', { path: ['spec', 'portLevelMtls', port], key: true }, `port must be in range 1..65535, found \`${port}\``);
      }
    }
  }
  checkWorkloadSelector(spec, f);
}
