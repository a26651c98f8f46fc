import type { SourceSpan } from './source.js';

export type Severity = 'error' | 'warning' | 'info';

/**
 * A problem found in user input, collected rather than thrown. `code` is the stable contract
 * (`MW0xx` for loading/schema, `MW1xx`+ for lint rules); `message` and `help` are for people.
 */
export interface Diagnostic {
  code: string;
  severity: Severity;
  message: string;
  help?: string;
  span: SourceSpan;
  /** `Kind ns/name` of the resource the problem is in, when there is one. */
  resource?: string;
}
