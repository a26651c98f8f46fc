/**
 * Envoy's `uri_template` path matcher (`envoy.path.match.uri_template.uri_template_matcher`),
 * which istiod emits for `paths` values holding `{*}` / `{**}` (spec §2.7.3).
 *
 * Semantics, from Envoy `source/extensions/path/uri_template_lib/uri_template_internal.cc`: the
 * template must start with `/`; it is split into `/`-separated segments, each a literal, `*`
 * (one or more RFC 3986 pchars, never `/`), `**` (zero or more pchars or `/`, and nothing
 * may glob after it) or a `{var}` / `{var=…}` variable; a last segment may end with a literal
 * suffix (`/**.mpd`). The resulting regex must match the query-less path in full
 * (`uri_template_match.cc`, `removeQueryAndFragment` then `RE2::FullMatch`).
 */
import { MeshwardError } from '../../model/errors.js';

/** RFC 3986 pchar without `*` and `=`, as Envoy's `kLiteral`. */
const PCHAR = "a-zA-Z0-9\\-._~%!$&'()+,;:@";
const ONE_SEGMENT = `[${PCHAR}]+`;
const ANY_SEGMENTS = `[${PCHAR}/]*`;
const LITERAL = /^[a-zA-Z0-9\-._~%!$&'()+,;:@]+$/;

function invalid(template: string, why: string): MeshwardError {
  return new MeshwardError('ERR_RBAC_CONFIG', `uri template \`${template}\` is invalid: ${why}`);
}

function literalRegex(s: string): string {
  return s.replace(/[$()+.]/g, '\\$&');
}

/** Translates one `{…}` variable body into its regex; updates `seenTextGlob`. */
function variableRegex(template: string, body: string, state: { textGlob: boolean }): string {
  const eq = body.indexOf('=');
  const name = eq < 0 ? body : body.slice(0, eq);
  if (!/^[a-zA-Z][a-zA-Z0-9_]*$/.test(name)) throw invalid(template, `bad variable name \`${name}\``);
  if (eq < 0) {
    if (state.textGlob) throw invalid(template, 'glob after `**`');
    return `(${ONE_SEGMENT})`;
  }
  const parts = body.slice(eq + 1).split('/');
  const out = parts.map((p) => {
    if (p === '*' || p === '**') {
      if (state.textGlob) throw invalid(template, 'glob after `**`');
      state.textGlob = p === '**';
      return p === '*' ? ONE_SEGMENT : ANY_SEGMENTS;
    }
    if (!LITERAL.test(p)) throw invalid(template, `bad literal \`${p}\``);
    return literalRegex(p);
  });
  return `(${out.join('/')})`;
}

/** Compiles a path template into a full-match RegExp; throws `ERR_RBAC_CONFIG` when Envoy would reject it. */
export function compileUriTemplate(template: string): RegExp {
  if (!/^\/[\x21-\x7e]*$/.test(template)) throw invalid(template, 'must start with `/` and hold only printable characters');
  const state = { textGlob: false };
  const segs: string[] = [];
  let rest = template.slice(1);
  let suffix = '';
  while (rest !== '') {
    let seg: string;
    if (rest.startsWith('**') || rest.startsWith('*')) {
      const op = rest.startsWith('**') ? '**' : '*';
      if (state.textGlob) throw invalid(template, 'glob after `**`');
      state.textGlob = op === '**';
      seg = op === '*' ? ONE_SEGMENT : ANY_SEGMENTS;
      rest = rest.slice(op.length);
    } else if (rest.startsWith('{')) {
      const close = rest.indexOf('}');
      if (close < 0) throw invalid(template, 'unmatched `{`');
      seg = variableRegex(template, rest.slice(1, close), state);
      rest = rest.slice(close + 1);
    } else {
      const slash = rest.indexOf('/');
      const lit = slash < 0 ? rest : rest.slice(0, slash);
      if (!LITERAL.test(lit)) throw invalid(template, `bad literal \`${lit}\``);
      seg = literalRegex(lit);
      rest = rest.slice(lit.length);
    }
    segs.push(seg);
    if (rest === '') break;
    if (rest === '/') {
      segs.push('');
      break;
    }
    if (rest.startsWith('/')) {
      rest = rest.slice(1);
      continue;
    }
    // Text right after an operator or variable is a suffix, and must end the template.
    if (rest.includes('/') || !LITERAL.test(rest)) throw invalid(template, `bad suffix \`${rest}\``);
    suffix = literalRegex(rest);
    break;
  }
  return new RegExp(`^/${segs.join('/')}${suffix}$`);
}
