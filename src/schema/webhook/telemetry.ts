/**
 * istiod's Telemetry webhook rules (spec §3.4; `ValidateTelemetry` and its helpers
 * `validateTelemetryMetrics`, `validateTelemetryTracing`, `validateTelemetryAccessLogging`,
 * `validateTelemetryFilter` in `pkg/config/validation/`). Tag-override values are not parsed by
 * the webhook; the access-log filter is parsed (syntax only) as CEL.
 */
import type { Telemetry } from '../../model/resources.js';
import type { FieldPath } from '../../model/source.js';
import { parseCelExpression } from '../cel/parse-expression.js';
import type { Findings } from './report.js';
import { checkSelectorAndTargets } from './selector.js';
import { field, isObj, list, obj, str } from './values.js';

/** istiod reports only the first bad provider of a list. */
function checkProviders(entry: unknown, base: FieldPath, f: Findings): void {
  const bad = list(entry, 'providers')?.findIndex((p) => str(p, 'name') === '') ?? -1;
  if (bad >= 0) f.add('MW064', [...base, 'providers', bad, 'name'], 'providers.name may not be empty');
}

function checkMetrics(spec: unknown, f: Findings): void {
  list(spec, 'metrics')?.forEach((m, i) => {
    if (!isObj(m)) return;
    const base: FieldPath = ['spec', 'metrics', i];
    checkProviders(m, base, f);
    list(m, 'overrides')?.forEach((o, j) => {
      const path: FieldPath = [...base, 'overrides', j];
      if (!isObj(o)) return f.add('MW067', path, 'tagOverrides may not be null');
      for (const [name, to] of Object.entries(obj(o, 'tagOverrides') ?? {})) {
        const at: FieldPath = [...path, 'tagOverrides', name];
        if (name === '') f.add('MW066', { path: at, key: true }, 'tagOverrides.name may not be empty');
        if (!isObj(to)) {
          f.add('MW067', at, 'tagOverrides may not be null');
          continue;
        }
        // UPSERT is the proto enum's zero value, so an absent operation means UPSERT to istiod.
        const operation = str(to, 'operation') || 'UPSERT';
        const value = str(to, 'value');
        if (operation === 'UPSERT' && value === '') f.add('MW068', at, `tagOverrides.value must be set when operation is UPSERT, tag \`${name}\``);
        if (operation === 'REMOVE' && value !== '') f.add('MW069', [...at, 'value'], `tagOverrides.value may only be set when operation is UPSERT, tag \`${name}\``);
      }
      const match = obj(o, 'match');
      if (match && typeof match['customMetric'] === 'string' && match['customMetric'] === '') {
        f.add('MW065', [...path, 'match', 'customMetric'], 'customMetric may not be empty');
      }
    });
  });
}

function checkTracing(spec: unknown, f: Findings): void {
  const tracing = list(spec, 'tracing');
  if (tracing && tracing.length > 1) f.add('MW071', ['spec', 'tracing', 1], 'multiple tracing is not currently supported');
  tracing?.forEach((t, i) => {
    if (!isObj(t)) return;
    const base: FieldPath = ['spec', 'tracing', i];
    if ((list(t, 'providers')?.length ?? 0) > 1) f.add('MW072', [...base, 'providers', 1], 'multiple providers is not currently supported');
    checkProviders(t, base, f);
    const pct = field(t, 'randomSamplingPercentage');
    if (typeof pct === 'number' && (pct < 0 || pct > 100)) {
      f.add('MW073', [...base, 'randomSamplingPercentage'], `randomSamplingPercentage must be in range [0.0, 100.0], found \`${pct}\``);
    }
    for (const [name, tag] of Object.entries(obj(t, 'customTags') ?? {})) {
      const at: FieldPath = [...base, 'customTags', name];
      if (name === '') f.add('MW074', { path: at, key: true }, 'tag name may not be empty');
      if (!isObj(tag)) {
        f.add('MW074', at, `tag \`${name}\` may not have a nil value`);
        continue;
      }
      if (isObj(tag['literal']) && str(tag['literal'], 'value') === '') f.add('MW074', [...at, 'literal'], 'literal tag value may not be empty');
      if (isObj(tag['header']) && str(tag['header'], 'name') === '') f.add('MW074', [...at, 'header'], 'header tag name may not be empty');
      if (isObj(tag['environment']) && str(tag['environment'], 'name') === '') f.add('MW074', [...at, 'environment'], 'environment tag name may not be empty');
    }
  });
}

function checkAccessLogging(spec: unknown, f: Findings): void {
  list(spec, 'accessLogging')?.forEach((l, i) => {
    if (!isObj(l)) return;
    const base: FieldPath = ['spec', 'accessLogging', i];
    const filter = field(l, 'filter');
    if (filter !== undefined) {
      // An absent expression is the empty string to istiod, which does not parse either.
      const parsed = parseCelExpression(str(filter, 'expression'));
      if (!parsed.ok) {
        const col = parsed.column === undefined ? '' : ` (at column ${parsed.column} of the expression)`;
        f.add('MW070', [...base, 'filter', 'expression'], `must be a valid CEL expression: ${parsed.message}${col}`);
      }
    }
    checkProviders(l, base, f);
  });
}

export function validateTelemetry(resource: Telemetry, f: Findings): void {
  const spec: unknown = resource.spec;
  checkSelectorAndTargets(spec, f);
  checkMetrics(spec, f);
  checkTracing(spec, f);
  checkAccessLogging(spec, f);
}
