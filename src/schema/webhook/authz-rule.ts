/**
 * One AuthorizationPolicy rule: `from` sources, `to` operations and `when` conditions (spec
 * §3.1 items 6–14 and the DENY TCP warning; istiod `ValidateAuthorizationPolicy` in
 * `pkg/config/validation/validation.go` with the value checks of `pkg/config/security/security.go`).
 */
import type { FieldPath } from '../../model/source.js';
import { MAX_SERVICE_ACCOUNTS, serviceAccountError, trustDomainError } from './identity-values.js';
import { ipError } from './ip.js';
import { pathTemplateError } from './path-template.js';
import { portError } from './ports.js';
import type { Findings } from './report.js';
import { lookupWhenKey, whenValueError, type ValueCheck } from './when-keys.js';
import type { WebhookCode } from './codes.js';
import { count, field, isObj, isSet, list, stringItems, str } from './values.js';

/** Source fields in istiod's order, with the Go name its messages print. */
const SOURCE_FIELDS = [
  'principals', 'requestPrincipals', 'namespaces', 'serviceAccounts', 'trustDomains', 'ipBlocks', 'remoteIpBlocks',
  'notPrincipals', 'notRequestPrincipals', 'notNamespaces', 'notServiceAccounts', 'notTrustDomains', 'notIpBlocks', 'notRemoteIpBlocks',
] as const;
const OPERATION_FIELDS = ['ports', 'methods', 'paths', 'hosts', 'notPorts', 'notMethods', 'notPaths', 'notHosts'] as const;
const IP_FIELDS = new Set(['ipBlocks', 'notIpBlocks', 'remoteIpBlocks', 'notRemoteIpBlocks']);
/** Source fields that make a DENY rule apply on TCP too. `trustDomains` is deliberately missing (istiod quirk, spec §3.1). */
const TCP_SOURCE_FIELDS = ['principals', 'notPrincipals', 'ipBlocks', 'notIpBlocks', 'namespaces', 'notNamespaces', 'remoteIpBlocks', 'notRemoteIpBlocks', 'serviceAccounts', 'notServiceAccounts'];

const VALUE_CODES = { ip: 'MW041', port: 'MW044', 'service-account': 'MW042', 'trust-domain': 'MW043', none: 'MW040' } as const satisfies Record<ValueCheck, WebhookCode>;

const goName = (f: string): string => f.charAt(0).toUpperCase() + f.slice(1);

/** The first empty string of a list, reported like istiod's `CheckEmptyValues`. */
function checkEmpty(o: unknown, name: string, path: FieldPath, f: Findings): void {
  const hit = stringItems(o, name).find(([, v]) => v === '');
  if (hit) f.add('MW040', [...path, name, hit[0]], `empty value not allowed, found in ${goName(name)}`);
}

function checkSource(src: unknown, path: FieldPath, rule: number, f: Findings): void {
  const has = (n: string) => count(src, n) > 0;
  if ((has('principals') || has('notPrincipals') || has('namespaces') || has('notNamespaces')) && (has('serviceAccounts') || has('notServiceAccounts'))) {
    const sa = has('serviceAccounts') ? 'serviceAccounts' : 'notServiceAccounts';
    f.add('MW039', { path: [...path, sa], key: true }, `cannot set serviceAccounts with namespaces or principals, found at rule ${rule}`);
  }
  if (!SOURCE_FIELDS.some(has)) f.add('MW038', path, `\`from.source\` must not be empty, found at rule ${rule}`);
  for (const name of SOURCE_FIELDS) {
    const items = stringItems(src, name);
    if (name === 'serviceAccounts' || name === 'notServiceAccounts') {
      if (items.length > MAX_SERVICE_ACCOUNTS) {
        f.add('MW042', [...path, name], `at most ${MAX_SERVICE_ACCOUNTS} values allowed, found ${items.length} in ${goName(name)}`);
      }
      const bad = items.map(([i, v]) => [i, serviceAccountError(v, goName(name))] as const).find(([, e]) => e !== undefined);
      if (bad) f.add(bad[1]?.startsWith('empty') ? 'MW040' : 'MW042', [...path, name, bad[0]], bad[1] as string);
    } else if (name === 'trustDomains' || name === 'notTrustDomains') {
      const bad = items.map(([i, v]) => [i, trustDomainError(v, goName(name))] as const).find(([, e]) => e !== undefined);
      if (bad) f.add(bad[1]?.startsWith('empty') ? 'MW040' : 'MW043', [...path, name, bad[0]], bad[1] as string);
    } else {
      if (IP_FIELDS.has(name)) {
        for (const [i, v] of items) {
          const err = v === '' ? undefined : ipError(v);
          if (err) f.add('MW041', [...path, name, i], err);
        }
      }
      checkEmpty(src, name, path, f);
    }
  }
}

function checkOperation(op: unknown, path: FieldPath, rule: number, f: Findings): void {
  if (!OPERATION_FIELDS.some((n) => count(op, n) > 0)) f.add('MW038', path, `\`to.operation\` must not be empty, found at rule ${rule}`);
  for (const name of ['ports', 'notPorts']) {
    for (const [i, v] of stringItems(op, name)) {
      const err = v === '' ? undefined : portError(v);
      if (err) f.add('MW044', [...path, name, i], err);
    }
  }
  for (const name of OPERATION_FIELDS) checkEmpty(op, name, path, f);
  for (const name of ['paths', 'notPaths']) {
    const bad = stringItems(op, name).map(([i, v]) => [i, pathTemplateError(v, goName(name))] as const).find(([, e]) => e !== undefined);
    if (bad) f.add('MW045', [...path, name, bad[0]], bad[1] as string);
  }
}

function checkCondition(cond: unknown, path: FieldPath, f: Findings): void {
  const key = str(cond, 'key');
  if (key === '') {
    f.add('MW046', [...path, 'key'], '`key` must not be empty');
    return;
  }
  const values = stringItems(cond, 'values');
  const notValues = stringItems(cond, 'notValues');
  if (values.length === 0 && notValues.length === 0) {
    f.add('MW047', [...path, 'key'], `at least one of \`values\` or \`notValues\` must be set for key ${key}`);
    return;
  }
  const looked = lookupWhenKey(key);
  if (!looked.ok) {
    f.add('MW048', [...path, 'key'], `invalid \`${values.length > 0 ? 'value' : 'notValue'}\` for \`key\` ${key}: ${looked.reason}`);
    return;
  }
  for (const [name, items] of [['values', values], ['notValues', notValues]] as const) {
    const label = name === 'values' ? 'value' : 'notValue';
    if (looked.info.check === 'service-account' && items.length > MAX_SERVICE_ACCOUNTS) {
      f.add('MW042', [...path, name], `invalid \`${label}\` for \`key\` ${key}: at most ${MAX_SERVICE_ACCOUNTS} values allowed, found ${items.length}`);
    }
    for (const [i, v] of items) {
      const err = whenValueError(key, looked.info.check, v);
      if (err === undefined) continue;
      f.add(v === '' ? 'MW040' : VALUE_CODES[looked.info.check], [...path, name, i], `invalid \`${label}\` for \`key\` ${key}: ${err}`);
      if (v === '') break; // istiod stops at the first empty value
    }
  }
}

/** Checks rule `i` (non-null) and returns whether the DENY TCP warning applies to it. */
export function checkRule(rule: unknown, i: number, f: Findings): { httpOnly: boolean } {
  const base: FieldPath = ['spec', 'rules', i];
  let fromExists = false, toExists = false, tcpInFrom = false, tcpInTo = false;
  const from = list(rule, 'from');
  if (from && from.length === 0) f.add('MW037', [...base, 'from'], `\`from\` must not be empty, found at rule ${i}`);
  from?.forEach((item, j) => {
    const path: FieldPath = [...base, 'from', j];
    if (!isObj(item)) return f.add('MW036', path, `\`from\` must not be nil, found at rule ${i}`);
    const src = field(item, 'source');
    if (!isObj(src)) return f.add('MW038', [...path, 'source'], `\`from.source\` must not be nil, found at rule ${i}`);
    fromExists = true;
    checkSource(src, [...path, 'source'], i, f);
    if (TCP_SOURCE_FIELDS.some((n) => isSet(src, n))) tcpInFrom = true;
  });
  const to = list(rule, 'to');
  if (to && to.length === 0) f.add('MW037', [...base, 'to'], `\`to\` must not be empty, found at rule ${i}`);
  to?.forEach((item, j) => {
    const path: FieldPath = [...base, 'to', j];
    if (!isObj(item)) return f.add('MW036', path, `\`to\` must not be nil, found at rule ${i}`);
    const op = field(item, 'operation');
    if (!isObj(op)) return f.add('MW038', [...path, 'operation'], `\`to.operation\` must not be nil, found at rule ${i}`);
    toExists = true;
    checkOperation(op, [...path, 'operation'], i, f);
    if (isSet(op, 'ports') || isSet(op, 'notPorts')) tcpInTo = true;
  });
  list(rule, 'when')?.forEach((cond, j) => checkCondition(cond, [...base, 'when', j], f));
  // istiod's heuristic, quirks included: `when` never counts, and `trustDomains` is not a TCP field.
  return { httpOnly: (fromExists && !toExists && !tcpInFrom) || (toExists && !tcpInTo) };
}
