import { parse } from '@marcbachmann/cel-js';
import type { LintRule } from '../rule.js';

/** Standard Istio metric labels (istio/proxy `istio_stats.cc`): a broken override of one drops it. */
export const STANDARD_TAGS: ReadonlySet<string> = new Set([
  'reporter', 'source_workload', 'source_workload_namespace', 'source_principal', 'source_app', 'source_version',
  'source_canonical_service', 'source_canonical_revision', 'source_cluster', 'destination_workload',
  'destination_workload_namespace', 'destination_principal', 'destination_app', 'destination_version',
  'destination_service', 'destination_service_name', 'destination_service_namespace', 'destination_canonical_service',
  'destination_canonical_revision', 'destination_cluster', 'request_protocol', 'response_code', 'grpc_response_status',
  'response_flags', 'connection_security_policy',
]);

function parseError(expr: string): string | undefined {
  try {
    parse(expr);
    return undefined;
  } catch (e) {
    const first = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
    return first.replace(/\.$/, '').toLowerCase();
  }
}

/** Spec §7 (`tagOverrides` values are CEL, not parsed by the webhook) and §9 item 8. */
export const telemetryTagNotCel: LintRule = {
  id: 'MW118',
  name: 'telemetry-tag-not-cel',
  severity: 'error',
  summary: 'a Telemetry `tagOverrides` value is not a valid CEL expression',
  description: [
    '`tagOverrides[].value` is a CEL expression over Envoy attributes (`request.host`, `string(destination.port)`,',
    '`filter_state[...]`…). The webhook passes it verbatim; the proxy fails to parse an invalid one and logs it: a new',
    'tag is then never added, and an override of a standard tag such as `source_workload` **removes** that label from',
    'every metric (spec §7, §9 item 8). `%{NAME}` is neither CEL nor Envoy access-log syntax (`%NAME%`).',
  ].join(' '),
  fix: {
    text: 'Write a CEL expression, or drop the override when the standard label already carries the value.',
    example: 'tagOverrides:\n  request_host:\n    value: "request.host"\n  # source_workload is a standard label already: no override needed',
  },
  check(ctx, report) {
    const cache = new Map<string, string | undefined>();
    const errorOf = (expr: string): string | undefined => {
      if (!cache.has(expr)) cache.set(expr, parseError(expr));
      return cache.get(expr);
    };
    for (const t of ctx.telemetries) {
      (t.spec.metrics ?? []).forEach((m, mi) => {
        (m?.overrides ?? []).forEach((o, oi) => {
          for (const [tag, override] of Object.entries(o?.tagOverrides ?? {})) {
            if (!override || override.operation === 'REMOVE' || typeof override.value !== 'string') continue;
            const err = errorOf(override.value);
            if (err === undefined) continue;
            const effect = STANDARD_TAGS.has(tag)
              ? `the proxy rejects it and the standard \`${tag}\` label disappears from every metric`
              : `the proxy rejects it and tag \`${tag}\` is never added`;
            report({
              resource: t,
              path: ['spec', 'metrics', mi, 'overrides', oi, 'tagOverrides', tag, 'value'],
              message: `tag \`${tag}\` value \`${override.value}\` is not CEL (${err}): ${effect}`,
              help: STANDARD_TAGS.has(tag)
                ? `remove the override: \`${tag}\` is a standard label already; otherwise write a CEL expression such as \`request.host\``
                : 'write a CEL expression over Envoy attributes, e.g. `request.host` or `string(destination.port)`',
            });
          }
        });
      });
    }
  },
};
