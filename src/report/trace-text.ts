/** One line per trace step: `✓ stage  ns/name rule[i]: detail`. */
import type { TraceStep } from '../model/decision.js';

export function traceLine(t: TraceStep, mark: (ok: boolean) => string = (ok) => (ok ? '✓' : '✗')): string {
  const who = t.policy ? `${t.policy.namespace}/${t.policy.name}${t.policy.rule === undefined ? '' : ` rule[${t.policy.rule}]`}: ` : '';
  return `${mark(t.matched)} ${t.stage.padEnd(9)} ${who}${t.detail}`;
}
