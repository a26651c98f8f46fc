/**
 * Collects webhook findings for one resource: each gets its code's severity, the exact span of the
 * offending field (via `resource.source.locate`) and a help text.
 */
import type { Diagnostic } from '../../model/diagnostic.js';
import { resourceId, type Resource } from '../../model/resources.js';
import type { FieldPath, SourceSpan } from '../../model/source.js';
import { WEBHOOK_CODES, type WebhookCode } from './codes.js';

/** Span used for resources built in code (no `source`). */
const NO_SOURCE: SourceSpan = { file: '<memory>', line: 1, column: 1, endLine: 1, endColumn: 1 };

/** Where a finding points: a field path, and whether the span is the key rather than the value. */
export interface At {
  path: FieldPath;
  key?: boolean;
}

export class Findings {
  readonly diagnostics: Diagnostic[] = [];
  /** `Kind ns/name`. */
  readonly label: string;
  /** `ns/name` as istiod prints it in messages. */
  readonly id: string;

  constructor(private readonly resource: Resource) {
    this.id = resourceId(resource);
    this.label = `${resource.kind} ${this.id}`;
  }

  span(at: At): SourceSpan {
    return this.resource.source?.locate(at.path, at.key === true) ?? { ...NO_SOURCE, file: `<${this.label}>` };
  }

  /** Adds a finding with the code's own severity; `help` defaults to the code's help. */
  add(code: WebhookCode, at: At | FieldPath, message: string, help?: string): void {
    const where: At = Array.isArray(at) ? { path: at as FieldPath } : (at as At);
    const info = WEBHOOK_CODES[code];
    this.diagnostics.push({
      code,
      severity: info.severity,
      message,
      help: help ?? info.help,
      span: this.span(where),
      resource: this.label,
    });
  }
}
