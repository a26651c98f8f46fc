/**
 * Rule model → one Envoy RBAC policy, with istiod's per-action error handling (spec §2.9.3,
 * §2.9.4). Source: `Generate`, `generatePermission`, `generatePrincipal`, `checkError` in
 * `pilot/pkg/security/authz/model/model.go`.
 *
 * A generator error (HTTP-only attribute on a TCP chain, malformed value) is fatal for the whole
 * rule under ALLOW, so less is allowed; under DENY/AUDIT/CUSTOM the failing value is left out, so
 * the rule matches more. Either way the loss is reported as a note.
 */
import type { Permission, Principal, RbacPolicy } from '../../model/envoy-rbac.js';
import type { FieldPath } from '../../model/source.js';
import type { AggregateGenerator, GenContext, SimpleGenerator } from './generators/generator.js';
import { entryPath, type ModelEntry, type RuleModel } from './model.js';
import type { NoteFn } from './notes.js';
import {
  permissionAnd,
  permissionAny,
  permissionNot,
  permissionOr,
  principalAnd,
  principalAny,
  principalNot,
  principalOr,
} from './rbac-nodes.js';

export interface GenerateEnv {
  forTCP: boolean;
  /** ALLOW: errors abort the rule. */
  strict: boolean;
  ctx: GenContext;
  note: NoteFn;
}

export type GenerateResult = { ok: true; policy: RbacPolicy } | { ok: false; error: string; path: FieldPath };

class RuleAbort {
  constructor(
    readonly error: string,
    readonly path: FieldPath,
  ) {}
}

interface Shape<T> {
  or: (xs: T[]) => T;
  not: (x: T) => T;
}

const PRINCIPAL: Shape<Principal> = { or: principalOr, not: principalNot };
const PERMISSION: Shape<Permission> = { or: permissionOr, not: permissionNot };

type AnyGen<T> = ModelEntry<SimpleGenerator<T> | AggregateGenerator<T>>;

/** A failure: fatal under ALLOW, otherwise noted and skipped. */
function failure(env: GenerateEnv, kind: 'value-skipped' | 'field-dropped-tcp', message: string, path: () => FieldPath): void {
  if (env.strict) throw new RuleAbort(message, path());
  env.note(kind, message, path());
}

function partNodes<T>(entry: AnyGen<T>, negate: boolean, shape: Shape<T>, env: GenerateEnv): T | undefined {
  const values = negate ? entry.notValues : entry.values;
  if (values.length === 0) return undefined;
  const path = (): FieldPath => entryPath(entry, negate);
  const label = negate ? entry.notLabel : entry.label;
  const gen = entry.gen;
  if (env.forTCP && gen.httpOnly) {
    const msg = env.strict
      ? `\`${label}\` is HTTP-only and cannot apply on a TCP filter chain`
      : `\`${label}\` is HTTP-only: removed on the TCP filter chain, so the rule matches more`;
    failure(env, 'field-dropped-tcp', msg, path);
    return undefined;
  }
  if (gen.shape === 'aggregate') {
    const r = gen.combine(entry.key, values, env.ctx);
    if (!r.ok) {
      failure(env, 'value-skipped', `\`${label}\`: ${r.error}`, path);
      return undefined;
    }
    return negate ? shape.not(r.node) : r.node;
  }
  const leaves: T[] = [];
  values.forEach((v, i) => {
    const r = gen.leaf(entry.key, v, env.ctx);
    if (r.ok) leaves.push(r.node);
    else failure(env, 'value-skipped', `\`${label}\`: ${r.error}`, () => [...path(), i]);
  });
  if (leaves.length === 0) return undefined;
  const or = shape.or(leaves);
  return negate ? shape.not(or) : or;
}

function andList<T>(entries: readonly AnyGen<T>[], shape: Shape<T>, env: GenerateEnv): T[] {
  const out: T[] = [];
  for (const e of entries) {
    const pos = partNodes(e, false, shape, env);
    if (pos !== undefined) out.push(pos);
    const neg = partNodes(e, true, shape, env);
    if (neg !== undefined) out.push(neg);
  }
  return out;
}

export function generatePolicy(model: RuleModel, env: GenerateEnv): GenerateResult {
  try {
    const permissions = model.permissions.map((entries) => {
      const and = andList<Permission>(entries, PERMISSION, env);
      return permissionAnd(and.length ? and : [permissionAny()]);
    });
    const principals = model.principals.map((entries) => {
      const and = andList<Principal>(entries, PRINCIPAL, env);
      return principalAnd(and.length ? and : [principalAny()]);
    });
    return { ok: true, policy: { permissions, principals } };
  } catch (e) {
    if (e instanceof RuleAbort) return { ok: false, error: e.error, path: e.path };
    throw e;
  }
}
