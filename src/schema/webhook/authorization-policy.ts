/**
 * istiod's AuthorizationPolicy webhook rules (spec §3.1; `ValidateAuthorizationPolicy` in
 * `pkg/config/validation/validation.go`): action/provider/rules consistency, CUSTOM restrictions,
 * then each rule (`authz-rule.ts`), and the DENY-on-TCP warning with its quirks.
 */
import type { AuthorizationPolicy } from '../../model/resources.js';
import type { FieldPath } from '../../model/source.js';
import { checkRule } from './authz-rule.js';
import type { Findings } from './report.js';
import { checkSelectorAndTargets } from './selector.js';
import { count, field, isObj, isSet, list, obj, str } from './values.js';

/** Source fields a CUSTOM policy may not use (spec §3.1 item 3), in istiod's order. */
const CUSTOM_FORBIDDEN_SOURCE = [
  'namespaces', 'notNamespaces', 'serviceAccounts', 'notServiceAccounts', 'principals', 'notPrincipals',
  'requestPrincipals', 'notRequestPrincipals', 'trustDomains', 'notTrustDomains',
];
const CUSTOM_FORBIDDEN_KEYS = ['source.namespace', 'source.serviceAccount', 'source.principal', 'source.trustDomain'];

const CUSTOM_HELP = 'CUSTOM policies only select which requests go to the external authorizer; check identities in an ALLOW or DENY policy, or in the authorizer';

function checkCustomRules(rules: readonly unknown[], f: Findings): void {
  rules.forEach((rule, i) => {
    list(rule, 'from')?.forEach((from, j) => {
      const src = obj(from, 'source');
      for (const name of CUSTOM_FORBIDDEN_SOURCE) {
        if (count(src, name) > 0) {
          const path: FieldPath = ['spec', 'rules', i, 'from', j, 'source', name];
          f.add('MW033', { path, key: true }, `\`from.source.${name}\` is currently not supported with CUSTOM action`, CUSTOM_HELP);
        }
      }
    });
    list(rule, 'when')?.forEach((cond, j) => {
      const path: FieldPath = ['spec', 'rules', i, 'when', j];
      if (!isObj(cond)) return f.add('MW036', path, 'when field cannot be nil');
      const key = str(cond, 'key');
      if (CUSTOM_FORBIDDEN_KEYS.includes(key) || key.startsWith('request.auth.')) {
        f.add('MW033', [...path, 'key'], `\`${key}\` is currently not supported with CUSTOM action`, CUSTOM_HELP);
      }
    });
  });
}

export function validateAuthorizationPolicy(policy: AuthorizationPolicy, f: Findings): void {
  const spec: unknown = policy.spec;
  checkSelectorAndTargets(spec, f);
  const action = str(spec, 'action') || 'ALLOW';
  const actionPath: FieldPath = isSet(spec, 'action') ? ['spec', 'action'] : ['spec'];
  const rules = list(spec, 'rules');
  const provider = field(spec, 'provider');

  if (action === 'CUSTOM') {
    if (rules === undefined) {
      f.add('MW031', actionPath, '`CUSTOM` action without `rules` is meaningless as it will never be triggered, add an empty rule `{}` if you want it be triggered for every request');
    } else if (str(provider, 'name') === '') {
      f.add('MW032', provider === undefined ? actionPath : ['spec', 'provider', 'name'], '`provider.name` must not be empty');
    }
    checkCustomRules(rules ?? [], f);
  }
  if (provider !== undefined && action !== 'CUSTOM') {
    f.add('MW034', { path: ['spec', 'provider'], key: true }, `\`provider\` must not be with non CUSTOM action, found ${action}`);
  }
  if (action === 'DENY' && rules === undefined) {
    f.add('MW035', actionPath, '`DENY` action without `rules` is meaningless as it will never be triggered, add an empty rule `{}` if you want it be triggered for every request');
  }

  rules?.forEach((rule, i) => {
    if (!isObj(rule)) return f.add('MW036', ['spec', 'rules', i], `\`rule\` must not be nil, found at rule ${i}`);
    const { httpOnly } = checkRule(rule, i, f);
    if (httpOnly && action === 'DENY') {
      f.add(
        'MW049',
        ['spec', 'rules', i],
        'configured AuthorizationPolicy will deny all traffic to TCP ports under its scope due to the use of only HTTP attributes in a DENY rule; it is recommended to explicitly specify the port',
      );
    }
  });
}
