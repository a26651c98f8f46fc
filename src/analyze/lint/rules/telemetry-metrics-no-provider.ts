import type { LintRule } from '../rule.js';

/**
 * Spec §7 (a child `providers` list replaces the parent's; entries without one use what is in
 * effect) and §9 "other defects": the seed's second `metrics` entry carries the tag overrides but
 * names no provider, so which backend they change is decided elsewhere — here `prometheus`, from
 * the entry above — and moving or editing either entry silently changes it.
 */
export const telemetryMetricsNoProvider: LintRule = {
  id: 'MW129',
  name: 'telemetry-metrics-no-provider',
  severity: 'info',
  summary: 'a Telemetry `metrics` entry with overrides names no provider',
  description: [
    'A `metrics` entry without `providers` does not configure a backend of its own: its overrides apply to the',
    'providers in effect (another entry of the same resource, a parent Telemetry, or `meshConfig.defaultProviders`)',
    '(spec §7). Splitting the provider and its overrides over two entries works by inheritance only, which is easy to',
    'break when the resource is edited or a parent changes.',
  ].join(' '),
  fix: {
    text: 'Put the overrides in the entry that names the provider.',
    example: 'metrics:\n- providers:\n  - name: prometheus\n  overrides:\n  - match: {metric: REQUEST_COUNT}\n    tagOverrides:\n      request_host: {value: "request.host"}',
  },
  check(ctx, report) {
    for (const t of ctx.telemetries) {
      const metrics = t.spec.metrics ?? [];
      metrics.forEach((m, mi) => {
        if (!m || (m.providers ?? []).length > 0 || (m.overrides ?? []).length === 0) return;
        const named = metrics.flatMap((x) => (x?.providers ?? []).map((p) => p.name).filter((n): n is string => !!n));
        const from = named.length
          ? `the providers named by the other entries (${[...new Set(named)].map((n) => `\`${n}\``).join(', ')})`
          : 'the providers of a parent Telemetry or `meshConfig.defaultProviders.metrics`';
        report({
          resource: t,
          path: ['spec', 'metrics', mi, 'overrides'],
          key: true,
          message: `\`metrics[${mi}]\` has overrides but names no provider: they apply to ${from} by inheritance`,
          help: 'move these overrides into the entry that names the provider',
        });
      });
    }
  },
};
