/**
 * istiod's RequestAuthentication webhook rules (spec §3.3; `ValidateRequestAuthentication` and
 * `validateJwtRule` in `pkg/config/validation/validation.go`, `security.ParseJwksURI`). A null
 * jwt rule is skipped, as in istiod (the structural layer rejects it). The CRD-only rules (one of
 * `jwks`/`jwksUri`, lengths, `presence`) are left to the CEL and structural layers.
 */
import type { RequestAuthentication } from '../../model/resources.js';
import type { FieldPath } from '../../model/source.js';
import { durationError } from './duration.js';
import { parseGoUrl } from './go-url.js';
import { checkJwks } from './jwks.js';
import type { Findings } from './report.js';
import { checkSelectorAndTargets } from './selector.js';
import { field, isObj, list, str, stringItems } from './values.js';

const HEADER_NAME = /^[-_A-Za-z0-9]+$/;

/** istiod `ParseJwksURI`: Go `url.Parse`, scheme http/https, numeric port. */
export function jwksUriError(uri: string): string | undefined {
  const parsed = parseGoUrl(uri);
  if (!parsed.ok) return parsed.error;
  const { scheme, port } = parsed.url;
  if (scheme !== 'http' && scheme !== 'https') return `URI scheme ${JSON.stringify(scheme)} is not supported`;
  if (port !== '' && !Number.isSafeInteger(Number(port))) return `strconv.Atoi: parsing ${JSON.stringify(port)}: value out of range`;
  return undefined;
}

function validateJwtRule(rule: unknown, base: FieldPath, f: Findings): void {
  for (const [i, aud] of stringItems(rule, 'audiences')) {
    if (aud === '') f.add('MW053', [...base, 'audiences', i], 'audience must be non-empty string');
  }
  const issuer = str(rule, 'issuer');
  const jwksUri = str(rule, 'jwksUri');
  if (issuer === '' && jwksUri === '') f.add('MW054', base, 'issuer or jwksUri must be non-empty string');
  if (jwksUri !== '') {
    const err = jwksUriError(jwksUri);
    if (err) f.add('MW055', [...base, 'jwksUri'], err);
  }
  const jwks = str(rule, 'jwks');
  if (jwks !== '') {
    const parsed = checkJwks(jwks);
    if (!parsed.ok) f.add('MW056', [...base, 'jwks'], `jwks parse error: ${parsed.error}`);
    else for (const i of parsed.privateKeyIndexes) {
      f.add('MW057', [...base, 'jwks'], `jwks key at index ${i} contains private key material; only public keys are used for verification`);
    }
  }
  list(rule, 'fromHeaders')?.forEach((h, i) => {
    const path = [...base, 'fromHeaders', i];
    if (!isObj(h)) f.add('MW058', path, 'location header name must be non-null');
    else if (str(h, 'name') === '') f.add('MW058', [...path, 'name'], 'location header name must be non-empty string');
  });
  for (const [i, p] of stringItems(rule, 'fromParams')) {
    if (p === '') f.add('MW059', [...base, 'fromParams', i], 'location query must be non-empty string');
  }
  for (const [i, c] of stringItems(rule, 'fromCookies')) {
    if (c === '') f.add('MW060', [...base, 'fromCookies', i], 'cookie name must be non-empty string');
  }
  list(rule, 'outputClaimToHeaders')?.forEach((o, i) => {
    const path = [...base, 'outputClaimToHeaders', i];
    if (!isObj(o)) return f.add('MW061', path, 'outputClaimToHeaders must not be null');
    const claim = str(o, 'claim');
    const header = str(o, 'header');
    if (claim === '' || header === '') {
      return f.add('MW061', [...path, claim === '' ? 'claim' : 'header'], 'outputClaimToHeaders header and claim value must be non-empty string');
    }
    if (!HEADER_NAME.test(header)) f.add('MW061', [...path, 'header'], `header name \`${header}\` is not a valid header name`);
  });
  const timeout = field(rule, 'timeout');
  if (typeof timeout === 'string') {
    const err = durationError(timeout);
    if (err) f.add('MW062', [...base, 'timeout'], err);
  }
}

export function validateRequestAuthentication(policy: RequestAuthentication, f: Findings): void {
  const spec: unknown = policy.spec;
  checkSelectorAndTargets(spec, f);
  list(spec, 'jwtRules')?.forEach((rule, i) => {
    if (isObj(rule)) validateJwtRule(rule, ['spec', 'jwtRules', i], f);
  });
}
