/**
 * Table-driven rule tests in the typescript-eslint style: `valid` cases give no diagnostic from
 * the rule under test, `invalid` cases give exactly the listed ones, at exact line and column.
 * YAML is inline and parsed with the real loader, so spans are the ones users see.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { lint } from '../../../src/analyze/lint/index.js';
import type { LintRule } from '../../../src/analyze/lint/rule.js';
import { parseManifests } from '../../../src/load/index.js';
import type { Diagnostic } from '../../../src/model/diagnostic.js';
import { DEFAULT_MESH_CONFIG, type MeshConfig } from '../../../src/model/mesh.js';
import type { PortProtocol, Workload } from '../../../src/model/workload.js';

export interface CaseInput {
  name: string;
  yaml: string;
  workloads?: Workload[];
  mesh?: Partial<MeshConfig>;
  defaultNamespace?: string;
}

export interface Expected {
  line: number;
  column: number;
  /** A fragment (or pattern) the message must contain. */
  message?: string | RegExp;
}

export interface InvalidCase extends CaseInput {
  errors: Expected[];
}

/** Strips the common indentation so YAML can be written indented inside the test. */
export function dedent(s: string): string {
  const lines = s.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)?.[0].length ?? 0));
  return lines.map((l) => l.slice(indent)).join('\n');
}

export function wl(namespace: string, name: string, labels: Record<string, string>, ports: [number, PortProtocol][] = [[8080, 'HTTP']], proxy: Workload['proxy'] = 'sidecar'): Workload {
  return { namespace, name, serviceAccount: name, labels, proxy, ports: ports.map(([port, protocol]) => ({ port, targetPort: port, protocol })) };
}

export function runLint(rule: LintRule | undefined, c: CaseInput): Diagnostic[] {
  const loaded = parseManifests(dedent(c.yaml), 'test.yaml');
  // A case whose YAML does not load tests nothing (a `valid` case would pass vacuously).
  const broken = loaded.diagnostics.filter((d) => d.severity === 'error');
  assert.deepEqual(broken.map((d) => `${d.span.line}:${d.span.column} ${d.code} ${d.message}`), [], `case \`${c.name}\`: the YAML does not load`);
  const mesh: MeshConfig = { ...DEFAULT_MESH_CONFIG, trustDomainAliases: [], extensionProviders: [], ...c.mesh };
  return lint(
    { resources: loaded.resources, workloads: c.workloads ?? [], mesh, defaultNamespace: c.defaultNamespace ?? 'default' },
    rule ? { rules: [rule], validators: [] } : {},
  );
}

export function ruleTester(rule: LintRule, cases: { valid: CaseInput[]; invalid: InvalidCase[] }): void {
  describe(`${rule.id} ${rule.name}`, () => {
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        const got = runLint(rule, c);
        assert.deepEqual(
          got.map((d) => `${d.span.line}:${d.span.column} ${d.message}`),
          [],
        );
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const got = runLint(rule, c);
        assert.deepEqual(
          got.map((d) => [d.span.line, d.span.column]),
          c.errors.map((e) => [e.line, e.column]),
          got.map((d) => `${d.span.line}:${d.span.column} ${d.message}`).join('\n'),
        );
        got.forEach((d, i) => {
          assert.equal(d.code, rule.id);
          assert.equal(d.severity, rule.severity);
          assert.ok(d.help && d.help.length > 0, 'every finding has a help');
          assert.match(d.message, /^[^A-Z]/, 'messages start lowercase');
          assert.doesNotMatch(d.message, /\.$/, 'no final period');
          const want = c.errors[i]?.message;
          if (typeof want === 'string') assert.ok(d.message.includes(want), `${d.message} should contain ${want}`);
          else if (want) assert.match(d.message, want);
        });
      });
    }
  });
}
