/**
 * `paths`/`notPaths` checks (spec §3.1 item 13, istiod `security.CheckValidPathTemplate`):
 * after trimming leading and trailing `/`, a segment that is exactly `{*}` or `{**}` is an
 * operator; no operator may follow `{**}`; any other segment holding `{` or `}` is rejected (for
 * every path, template or not); in a path with an operator every literal segment must be made of
 * RFC 3986 path characters, so `*` or `foo{*}.txt` are rejected there.
 */

const LITERAL_SEGMENT = /^[a-zA-Z0-9\-._~%!$&'()+,;:@=]+$/;

/** istiod-style message for an invalid path, or undefined when it is accepted. */
export function pathTemplateError(path: string, field: string): string | undefined {
  const trimmed = path.replace(/^\/+/, '').replace(/\/+$/, '');
  const segments = trimmed.split('/');
  const isOperator = (s: string): boolean => s === '{*}' || s === '{**}';
  let sawAny = false;
  let hasOperator = false;
  for (const seg of segments) {
    if (isOperator(seg)) {
      if (sawAny) return `invalid or unsupported path \`${trimmed}\`, found in ${field}: {**} is not the last operator`;
      hasOperator = true;
      if (seg === '{**}') sawAny = true;
    } else if (seg.includes('{') || seg.includes('}')) {
      return `invalid or unsupported path \`${trimmed}\`, found in ${field}: contains '{' or '}' beyond a supported path template`;
    }
  }
  if (hasOperator) {
    const bad = segments.find((s) => !isOperator(s) && !LITERAL_SEGMENT.test(s));
    if (bad !== undefined) {
      return `invalid or unsupported path \`${trimmed}\`, found in ${field}: segment \`${bad}\` has characters not allowed in a path template`;
    }
  }
  return undefined;
}
