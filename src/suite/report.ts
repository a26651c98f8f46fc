/** TestSuite results for people (one line per case), JUnit XML for CI, and JSON. */
import { traceLine } from '../report/trace-text.js';
import type { SuiteResult } from './run.js';

export interface Style {
  green(s: string): string;
  red(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
}

const fmt = (x: number | string): string => String(x);

export function suiteText(results: readonly SuiteResult[], style: Style): string {
  const lines: string[] = [];
  for (const r of results) {
    lines.push(`${r.suite} ${style.dim(`(${r.file})`)}`);
    for (const x of r.rejected) lines.push(`  ${style.yellow('note')} ${x.resource} is rejected by istiod and not applied: ${x.reason}`);
    for (const c of r.cases) {
      const mark = c.todo !== undefined ? style.yellow('todo') : c.passed ? style.green('ok  ') : style.red('FAIL');
      const by = c.policy ? ` by ${c.policy}` : '';
      lines.push(`  ${mark} ${c.name}  expected ${fmt(c.expected)}, got ${fmt(c.got)}${style.dim(by)}`);
      if (!c.passed) {
        for (const p of c.problems) lines.push(`       ${p}`);
        if (c.decision.message && c.got !== c.expected) lines.push(`       ${style.dim(c.decision.message)}`);
        for (const t of c.decision.trace) lines.push(`       ${style.dim(traceLine(t))}`);
      }
      if (c.todo !== undefined) lines.push(`       ${style.dim(`known divergence: ${c.todo}`)}${c.passed ? style.yellow(' (it passes now: remove the todo)') : ''}`);
    }
  }
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  const todo = results.reduce((n, r) => n + r.todo, 0);
  lines.push(`${passed} passed, ${failed} failed${todo ? `, ${todo} todo` : ''}`);
  return `${lines.join('\n')}\n`;
}

const xml = (s: string): string =>
  s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

export function suiteJunit(results: readonly SuiteResult[]): string {
  const out = ['<?xml version="1.0" encoding="UTF-8"?>'];
  const total = results.reduce((n, r) => n + r.cases.length, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  out.push(`<testsuites name="meshward" tests="${total}" failures="${failed}">`);
  for (const r of results) {
    out.push(`  <testsuite name="${xml(r.suite)}" tests="${r.cases.length}" failures="${r.failed}" skipped="${r.todo}" file="${xml(r.file)}">`);
    for (const c of r.cases) {
      out.push(`    <testcase classname="${xml(r.suite)}" name="${xml(c.name)}">`);
      if (c.todo !== undefined) out.push(`      <skipped message="${xml(`todo: ${c.todo}`)}"/>`);
      else if (!c.passed) {
        const msg = `expected ${fmt(c.expected)}, got ${fmt(c.got)}${c.problems.length ? `; ${c.problems.join('; ')}` : ''}`;
        const body = c.decision.trace.map((t) => traceLine(t)).join('\n');
        out.push(`      <failure message="${xml(msg)}">${xml(body)}</failure>`);
      }
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return `${out.join('\n')}\n`;
}

export function suiteJson(results: readonly SuiteResult[]): unknown {
  return {
    suites: results.map((r) => ({
      name: r.suite,
      file: r.file,
      rejected: r.rejected,
      passed: r.passed,
      failed: r.failed,
      todo: r.todo,
      cases: r.cases.map((c) => ({
        name: c.name,
        expected: c.expected,
        got: c.got,
        passed: c.passed,
        ...(c.todo !== undefined ? { todo: c.todo } : {}),
        ...(c.policy ? { policy: c.policy } : {}),
        problems: c.problems,
        decision: c.decision,
      })),
    })),
  };
}
