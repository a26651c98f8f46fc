/**
 * The CEL environment the CRD rules run in: cel-js's standard library (`has`, `all`, `exists`,
 * `size`, `contains`, `in`, `int()`, `duration()`, …) plus the Kubernetes URL library the Istio
 * CRDs use (`url(s).getScheme()`), written after k8s.io/apiserver/pkg/cel/library/urls.go:
 * `url()` accepts what Go's `url.ParseRequestURI` accepts (an absolute URL or an absolute path)
 * and fails otherwise. Parsed rules are cached, since every resource of a kind runs the same ones.
 */
import { Environment } from '@marcbachmann/cel-js';
import { parseGoRequestUri, parseGoUrl, type GoUrl } from '../webhook/go-url.js';

/** A Kubernetes CEL `URL` value. */
export class KubeUrl {
  constructor(readonly url: GoUrl) {}
}

function toUrl(s: string): KubeUrl {
  const req = parseGoRequestUri(s);
  if (!req.ok) throw new Error(`URL parse error during conversion from string: ${req.error}`);
  const full = parseGoUrl(s);
  if (!full.ok) throw new Error(`URL parse error during conversion from string: ${full.error}`);
  return new KubeUrl(full.url);
}

function build(): Environment {
  return new Environment({ unlistedVariablesAreDyn: true, homogeneousAggregateLiterals: false })
    .registerType('URL', KubeUrl)
    .registerFunction('url(string): URL', toUrl)
    .registerFunction('isURL(string): bool', (s: string) => parseGoRequestUri(s).ok && parseGoUrl(s).ok)
    .registerFunction('URL.getScheme(): string', (u: KubeUrl) => u.url.scheme)
    .registerFunction('URL.getHostname(): string', (u: KubeUrl) => u.url.hostname)
    .registerFunction('URL.getPort(): string', (u: KubeUrl) => u.url.port);
}

let env: Environment | undefined;
const compiled = new Map<string, (ctx: Record<string, unknown>) => unknown>();

/** The compiled form of `rule`, evaluated with `self` bound; parse errors throw. */
export function compileRule(rule: string): (self: unknown) => unknown {
  let fn = compiled.get(rule);
  if (!fn) {
    env ??= build();
    fn = env.parse(rule) as unknown as (ctx: Record<string, unknown>) => unknown;
    compiled.set(rule, fn);
  }
  const run = fn;
  return (self) => run({ self });
}
