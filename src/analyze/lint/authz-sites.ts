/**
 * Walks an AuthorizationPolicy's values with their field paths, so rules can point at the exact
 * value they complain about. Null entries (rejected by validation) are skipped.
 */
import type { AuthorizationPolicy, Condition, Operation, Rule, Source } from '../../model/resources.js';
import type { FieldPath } from '../../model/source.js';

export interface ValueSite {
  value: string;
  path: FieldPath;
  ruleIndex: number;
  /** `notX` / `notValues`. */
  negative: boolean;
}

export interface SourceSite extends ValueSite {
  field: keyof Source;
}

export interface ConditionSite extends ValueSite {
  key: string;
  whenIndex: number;
}

export interface OperationSite extends ValueSite {
  field: keyof Operation;
}

export function rulesOf(ap: AuthorizationPolicy): { rule: Rule; index: number }[] {
  const out: { rule: Rule; index: number }[] = [];
  (ap.spec.rules ?? []).forEach((rule, index) => {
    if (rule) out.push({ rule, index });
  });
  return out;
}

function listOf(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

/** Every value of the given Source fields, across rules and `from` entries. */
export function sourceSites(ap: AuthorizationPolicy, fields: readonly (keyof Source)[]): SourceSite[] {
  const out: SourceSite[] = [];
  for (const { rule, index } of rulesOf(ap)) {
    (rule.from ?? []).forEach((from, fi) => {
      const src = from?.source;
      if (!src) return;
      for (const field of fields) {
        listOf(src[field]).forEach((value, vi) =>
          out.push({ value, field, ruleIndex: index, negative: field.startsWith('not'), path: ['spec', 'rules', index, 'from', fi, 'source', field, vi] }),
        );
      }
    });
  }
  return out;
}

/** Every value of the given Operation fields, across rules and `to` entries. */
export function operationSites(ap: AuthorizationPolicy, fields: readonly (keyof Operation)[]): OperationSite[] {
  const out: OperationSite[] = [];
  for (const { rule, index } of rulesOf(ap)) {
    (rule.to ?? []).forEach((to, ti) => {
      const op = to?.operation;
      if (!op) return;
      for (const field of fields) {
        listOf(op[field]).forEach((value, vi) =>
          out.push({ value, field, ruleIndex: index, negative: field.startsWith('not'), path: ['spec', 'rules', index, 'to', ti, 'operation', field, vi] }),
        );
      }
    });
  }
  return out;
}

/** The `when` conditions whose key satisfies `keyTest`, with the path of the condition's key. */
export function conditions(ap: AuthorizationPolicy, keyTest: (key: string) => boolean): { cond: Condition; path: FieldPath; ruleIndex: number; whenIndex: number }[] {
  const out: { cond: Condition; path: FieldPath; ruleIndex: number; whenIndex: number }[] = [];
  for (const { rule, index } of rulesOf(ap)) {
    (rule.when ?? []).forEach((cond, wi) => {
      if (cond && typeof cond.key === 'string' && keyTest(cond.key)) out.push({ cond, ruleIndex: index, whenIndex: wi, path: ['spec', 'rules', index, 'when', wi, 'key'] });
    });
  }
  return out;
}

/** Every value (and notValue) of the matching `when` conditions. */
export function conditionSites(ap: AuthorizationPolicy, keyTest: (key: string) => boolean): ConditionSite[] {
  const out: ConditionSite[] = [];
  for (const { cond, ruleIndex, whenIndex } of conditions(ap, keyTest)) {
    for (const field of ['values', 'notValues'] as const) {
      listOf(cond[field]).forEach((value, vi) =>
        out.push({ value, key: cond.key, ruleIndex, whenIndex, negative: field === 'notValues', path: ['spec', 'rules', ruleIndex, 'when', whenIndex, field, vi] }),
      );
    }
  }
  return out;
}

/** `ALLOW` when `action` is omitted (spec §2.1). */
export function actionOf(ap: AuthorizationPolicy): string {
  return ap.spec.action ?? 'ALLOW';
}

/** Backticked, comma-separated list, shortened after `max` items. */
export function listText(items: readonly string[], max = 4): string {
  const shown = items.slice(0, max).map((s) => `\`${s}\``);
  const more = items.length > max ? ` and ${items.length - max} more` : '';
  return shown.join(', ') + more;
}
