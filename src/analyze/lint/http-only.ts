/**
 * Which parts of a rule cannot be evaluated on a TCP filter chain, and what the rule becomes there
 * (spec §2.4, §2.5, §2.8 "HTTP-only" columns; §2.9.4 for the per-action handling).
 */
import type { Operation, Rule, Source } from '../../model/resources.js';

const HTTP_SOURCE = new Set<keyof Source>(['requestPrincipals', 'notRequestPrincipals']);
const HTTP_OPERATION = new Set<keyof Operation>(['hosts', 'notHosts', 'methods', 'notMethods', 'paths', 'notPaths']);

export function isHttpOnlyKey(key: string): boolean {
  return key.startsWith('request.headers[') || key.startsWith('request.auth.');
}

function setFields(o: object): string[] {
  return Object.entries(o)
    .filter(([, v]) => Array.isArray(v) && v.length > 0)
    .map(([k]) => k);
}

export interface TcpView {
  /** HTTP-only fields and `when` keys the rule uses, in order of appearance. */
  httpItems: string[];
  /** After dropping them (DENY/AUDIT/CUSTOM handling), the rule matches every TCP connection. */
  matchesAllOnTcp: boolean;
}

/** Analyses one rule for TCP chains. */
export function tcpViewOf(rule: Rule): TcpView {
  const items: string[] = [];
  const add = (s: string): void => {
    if (!items.includes(s)) items.push(s);
  };
  const from = (rule.from ?? []).filter((f) => f !== null);
  const to = (rule.to ?? []).filter((t) => t !== null);
  let fromAll = from.length === 0;
  for (const f of from) {
    const fields = setFields(f.source ?? {});
    for (const k of fields) if (HTTP_SOURCE.has(k as keyof Source)) add(k);
    if (fields.every((k) => HTTP_SOURCE.has(k as keyof Source))) fromAll = true;
  }
  let toAll = to.length === 0;
  for (const t of to) {
    const fields = setFields(t.operation ?? {});
    for (const k of fields) if (HTTP_OPERATION.has(k as keyof Operation)) add(k);
    if (fields.every((k) => HTTP_OPERATION.has(k as keyof Operation))) toAll = true;
  }
  let whenAll = true;
  for (const c of rule.when ?? []) {
    if (!c) continue;
    if (typeof c.key === 'string' && isHttpOnlyKey(c.key)) add(c.key);
    else whenAll = false;
  }
  return { httpItems: items, matchesAllOnTcp: items.length > 0 && fromAll && toAll && whenAll };
}
