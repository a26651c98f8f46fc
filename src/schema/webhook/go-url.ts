/**
 * A small re-statement of Go's `net/url` `Parse` / `ParseRequestURI` (go/src/net/url/url.go):
 * enough to decide what istiod's `security.ParseJwksURI` and the Kubernetes CEL `url()` function
 * (k8s.io/apiserver/pkg/cel/library/urls.go) accept, with Go's error texts. Not a general URL
 * parser: the path, query and user info are only checked, not decoded.
 */

export interface GoUrl {
  /** Lower-cased, `""` when absent. */
  scheme: string;
  /** Host without the port (brackets removed for IPv6). */
  hostname: string;
  /** Port digits, `""` when absent. */
  port: string;
  /** True for `scheme:opaque` forms (no `//`). */
  opaque: boolean;
  /** True when the part after the scheme/authority starts with `/`. */
  absolutePath: boolean;
}

export type GoUrlResult = { ok: true; url: GoUrl } | { ok: false; error: string };

function hasBadEscape(s: string): string | undefined {
  const m = /%(?![0-9a-fA-F]{2})(.{0,2})/.exec(s);
  return m ? `invalid URL escape ${JSON.stringify(m[0])}` : undefined;
}

function splitScheme(raw: string): { scheme: string; rest: string } | { error: string } {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charAt(i);
    if (/[a-zA-Z]/.test(c)) continue;
    if (/[0-9+\-.]/.test(c)) {
      if (i === 0) return { scheme: '', rest: raw };
      continue;
    }
    if (c === ':') {
      if (i === 0) return { error: 'missing protocol scheme' };
      return { scheme: raw.slice(0, i).toLowerCase(), rest: raw.slice(i + 1) };
    }
    return { scheme: '', rest: raw };
  }
  return { scheme: '', rest: raw };
}

function parseHost(host: string): { hostname: string; port: string } | { error: string } {
  let hostname = host;
  let colonPort = '';
  if (host.startsWith('[')) {
    const close = host.lastIndexOf(']');
    if (close < 0) return { error: 'missing \']\' in host' };
    hostname = host.slice(1, close);
    colonPort = host.slice(close + 1);
  } else {
    const i = host.lastIndexOf(':');
    if (i >= 0) {
      hostname = host.slice(0, i);
      colonPort = host.slice(i);
    }
  }
  if (colonPort !== '' && !/^:\d*$/.test(colonPort)) return { error: `invalid port ${JSON.stringify(colonPort)} after host` };
  const esc = hasBadEscape(hostname);
  if (esc) return { error: esc };
  return { hostname, port: colonPort.slice(1) };
}

function parse(raw: string, viaRequest: boolean): GoUrlResult {
  const fail = (msg: string): GoUrlResult => ({ ok: false, error: `parse ${JSON.stringify(raw)}: ${msg}` });
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x1f\x7f]/.test(raw)) return fail('net/url: invalid control character in URL');
  if (raw === '' && viaRequest) return fail('empty url');
  const [beforeFragment = '', fragment] = viaRequest ? [raw, undefined] : (() => {
    const i = raw.indexOf('#');
    return i < 0 ? [raw, undefined] : [raw.slice(0, i), raw.slice(i + 1)];
  })();
  if (fragment !== undefined && hasBadEscape(fragment)) return fail(hasBadEscape(fragment) as string);
  const sch = splitScheme(beforeFragment);
  if ('error' in sch) return fail(sch.error);
  let rest = sch.rest;
  const q = rest.indexOf('?');
  if (q >= 0) rest = rest.slice(0, q);
  const url: GoUrl = { scheme: sch.scheme, hostname: '', port: '', opaque: false, absolutePath: rest.startsWith('/') };
  if (!rest.startsWith('/')) {
    if (url.scheme !== '') return { ok: true, url: { ...url, opaque: true } };
    if (viaRequest) return fail('invalid URI for request');
    const firstSegment = rest.split('/')[0] ?? '';
    if (firstSegment.includes(':')) return fail('first path segment in URL cannot contain colon');
  }
  if ((url.scheme !== '' || (!viaRequest && !rest.startsWith('///'))) && rest.startsWith('//')) {
    const after = rest.slice(2);
    const slash = after.indexOf('/');
    const authority = slash < 0 ? after : after.slice(0, slash);
    rest = slash < 0 ? '' : after.slice(slash);
    const at = authority.lastIndexOf('@');
    const host = parseHost(at < 0 ? authority : authority.slice(at + 1));
    if ('error' in host) return fail(host.error);
    url.hostname = host.hostname;
    url.port = host.port;
    url.absolutePath = rest.startsWith('/');
  }
  const esc = hasBadEscape(rest);
  if (esc) return fail(esc);
  return { ok: true, url };
}

/** Go `url.Parse`. */
export function parseGoUrl(raw: string): GoUrlResult {
  return parse(raw, false);
}

/** Go `url.ParseRequestURI`: an absolute URL or an absolute path, no fragment splitting. */
export function parseGoRequestUri(raw: string): GoUrlResult {
  return parse(raw, true);
}
