/**
 * `--suppress CODE` and `--suppress CODE=ns/name`: silence a rule everywhere, or for one resource.
 * A rule may be named by its code (`MW101`) or its name (`principal-spiffe-prefix`).
 */
import type { Diagnostic } from '../../model/diagnostic.js';

export interface Suppression {
  /** Rule code or name. */
  rule: string;
  /** `ns/name` of one resource; absent = everywhere. */
  resource?: string;
}

/** Parses `CODE` or `CODE=ns/name`. */
export function parseSuppression(text: string): Suppression {
  const eq = text.indexOf('=');
  if (eq < 0) return { rule: text.trim() };
  return { rule: text.slice(0, eq).trim(), resource: text.slice(eq + 1).trim() };
}

/** Whether `d` (produced by the rule with `code`/`name`) is silenced. */
export function isSuppressed(d: Diagnostic, name: string | undefined, list: readonly Suppression[]): boolean {
  return list.some((s) => {
    if (s.rule !== d.code && s.rule !== name) return false;
    if (s.resource === undefined) return true;
    // `resource` is `Kind ns/name`.
    const id = d.resource?.slice(d.resource.indexOf(' ') + 1);
    return id === s.resource;
  });
}
