/**
 * Diagnostics as SARIF 2.1.0 (OASIS, https://docs.oasis-open.org/sarif/sarif/v2.1.0/), for code
 * scanning UIs. One run; `tool.driver.rules` carries the rule metadata (id, name, descriptions,
 * help link, default level) and each result points at its rule by id and index. Columns are
 * those of the loader's spans, which count UTF-16 code units (JavaScript string offsets), so the
 * run says `utf16CodeUnits` (as GitHub code scanning expects). Deterministic:
 * rules sorted by id, results in diagnostic order (file, line, column, code).
 */
import type { Diagnostic, Severity } from '../model/diagnostic.js';
import { sortDiagnostics } from './diagnostics-text.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';

/** What SARIF needs to know about a rule; lint rules satisfy it, other codes can be described. */
export interface SarifRuleInfo {
  id: string;
  name?: string;
  severity: Severity;
  summary: string;
  description?: string;
  /** Markdown help shown by code-scanning UIs. */
  helpMarkdown?: string;
}

export interface SarifOptions {
  toolName?: string;
  toolVersion?: string;
  /** Absolute URI the rule docs live under; `helpUri` = base + `<ID>.md`. Omitted when absent. */
  helpUriBase?: string;
}

export type SarifLevel = 'error' | 'warning' | 'note';

export function sarifLevel(s: Severity): SarifLevel {
  return s === 'info' ? 'note' : s;
}

export interface SarifLog {
  $schema: string;
  version: '2.1.0';
  runs: SarifRun[];
}

export interface SarifRun {
  tool: { driver: { name: string; version?: string; informationUri?: string; rules: SarifReportingDescriptor[] } };
  results: SarifResult[];
  columnKind: 'utf16CodeUnits';
}

export interface SarifReportingDescriptor {
  id: string;
  name?: string;
  shortDescription: { text: string };
  fullDescription?: { text: string };
  help?: { text: string; markdown?: string };
  helpUri?: string;
  defaultConfiguration: { level: SarifLevel };
}

export interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  level: SarifLevel;
  message: { text: string };
  locations: {
    physicalLocation: {
      artifactLocation: { uri: string };
      region: { startLine: number; startColumn: number; endLine: number; endColumn: number };
    };
  }[];
  properties?: { resource?: string; help?: string };
}

/**
 * A file path as a URI reference: forward slashes, each segment percent-encoded, so `#`, `?` and
 * `:` in a file name stay part of the path instead of starting a fragment, query or scheme.
 */
function fileUri(file: string): string {
  return file
    .replace(/\\/g, '/')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

/**
 * @example
 * io.stdout.write(stableJson(toSarif(diagnostics, builtinRules)));
 */
export function toSarif(diagnostics: readonly Diagnostic[], rules: readonly SarifRuleInfo[], opts: SarifOptions = {}): SarifLog {
  const byId = new Map(rules.map((r) => [r.id, r]));
  // Every code that appears gets a descriptor, described or not (e.g. loader codes).
  for (const d of diagnostics) {
    if (!byId.has(d.code)) byId.set(d.code, { id: d.code, severity: d.severity, summary: d.code });
  }
  const sorted = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const index = new Map(sorted.map((r, i) => [r.id, i]));
  const descriptors: SarifReportingDescriptor[] = sorted.map((r) => {
    const out: SarifReportingDescriptor = {
      id: r.id,
      shortDescription: { text: r.summary },
      defaultConfiguration: { level: sarifLevel(r.severity) },
    };
    if (r.name) out.name = r.name;
    if (r.description) out.fullDescription = { text: r.description };
    if (r.helpMarkdown) out.help = { text: r.helpMarkdown, markdown: r.helpMarkdown };
    if (opts.helpUriBase && r.name) out.helpUri = `${opts.helpUriBase}${r.id}.md`;
    return out;
  });
  const results: SarifResult[] = sortDiagnostics(diagnostics).map((d) => {
    const res: SarifResult = {
      ruleId: d.code,
      ruleIndex: index.get(d.code) ?? -1,
      level: sarifLevel(d.severity),
      message: { text: d.help ? `${d.message}\nhelp: ${d.help}` : d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: fileUri(d.span.file) },
            region: {
              startLine: d.span.line,
              startColumn: d.span.column,
              endLine: Math.max(d.span.endLine, d.span.line),
              endColumn: Math.max(d.span.endColumn, 1),
            },
          },
        },
      ],
    };
    if (d.resource || d.help) {
      res.properties = {};
      if (d.resource) res.properties.resource = d.resource;
      if (d.help) res.properties.help = d.help;
    }
    return res;
  });
  const driver: SarifRun['tool']['driver'] = { name: opts.toolName ?? 'meshward', rules: descriptors };
  if (opts.toolVersion) driver.version = opts.toolVersion;
  return { $schema: SARIF_SCHEMA_URI, version: '2.1.0', runs: [{ tool: { driver }, results, columnKind: 'utf16CodeUnits' }] };
}
