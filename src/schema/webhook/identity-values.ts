/**
 * Value checks for `serviceAccounts` / `source.serviceAccount` and `trustDomains` /
 * `source.trustDomain` (spec §2.8, §3.1 items 10–11; istiod `security.CheckServiceAccount` and
 * `security.CheckTrustDomainValues`). `field` is the Go field name istiod prints.
 */

/** Maximum number of `serviceAccounts` values and length of each (istio/api proto limits). */
export const MAX_SERVICE_ACCOUNTS = 16;
export const MAX_SERVICE_ACCOUNT_LENGTH = 320;

/** Message for one bad service-account value, or undefined. */
export function serviceAccountError(value: string, field: string): string | undefined {
  if (value === '') return `empty value not allowed, found in ${field}`;
  if (value.includes('*')) return `wildcard not allowed, found in ${field}`;
  if ([...value].length > MAX_SERVICE_ACCOUNT_LENGTH) {
    return `value longer than ${MAX_SERVICE_ACCOUNT_LENGTH} characters, found in ${field}`;
  }
  const parts = value.split('/');
  if (parts.length > 2 || parts.some((p) => p === '')) {
    return `expected format 'serviceAccount' or 'namespace/serviceAccount', found ${JSON.stringify(value)} in ${field}`;
  }
  return undefined;
}

/** Message for one bad trust-domain value, or undefined. */
export function trustDomainError(value: string, field: string): string | undefined {
  if (value === '') return `empty value not allowed, found in ${field}`;
  if (value.includes('/')) return `trust domain must not contain '/', found in ${field}: ${JSON.stringify(value)}`;
  const stars = value.split('*').length - 1;
  if (stars > 1) return `at most one wildcard '*' allowed, found in ${field}: ${JSON.stringify(value)}`;
  if (stars === 1 && value !== '*' && !value.startsWith('*') && !value.endsWith('*')) {
    return `wildcard '*' only allowed at the start or end, found in ${field}: ${JSON.stringify(value)}`;
  }
  return undefined;
}
