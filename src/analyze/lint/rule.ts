/**
 * A lint rule: one file, one concern, with the metadata that docs and SARIF are generated from
 * (the typescript-eslint model). `check` reads the {@link LintContext} and reports findings; it
 * never throws on user input and never touches I/O.
 */
import type { Severity } from '../../model/diagnostic.js';
import type { Resource } from '../../model/resources.js';
import type { FieldPath } from '../../model/source.js';
import type { LintContext } from './context.js';

/** One finding: the resource, the path of the offending field inside it, and the words. */
export interface Finding {
  resource: Resource;
  /** Into the resource, e.g. `['spec','rules',0,'from',0,'source','principals',0]`. */
  path: FieldPath;
  /** Point at the key rather than the value (for fields that are missing or whole blocks). */
  key?: boolean;
  /** Lowercase, no final period, user values in backticks. */
  message: string;
  /** What to do about it. */
  help: string;
}

export type Report = (finding: Finding) => void;

export interface RuleFix {
  /** One or two sentences. */
  text: string;
  /** A short YAML example of the corrected form. */
  example: string;
}

export interface LintRule {
  /** Stable code, `MW1xx`: the contract that suppressions and CI rely on. */
  id: string;
  /** kebab-case name, also stable. */
  name: string;
  severity: Severity;
  /** One line, lowercase, no final period. */
  summary: string;
  /** Why it matters, citing the spec section or istio.io page. Markdown. */
  description: string;
  fix: RuleFix;
  check(ctx: LintContext, report: Report): void;
}
