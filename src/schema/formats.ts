/**
 * String formats the validator checks. `date-time` comes from the Istio CRDs (status
 * timestamps, and `metadata.creationTimestamp`); the DNS formats are the API server's rules for
 * object names (`k8s.io/apimachinery/pkg/util/validation`: IsDNS1123Subdomain, IsDNS1123Label),
 * added by meshward to the envelope schema. Formats not listed are accepted, as Kubernetes does
 * for formats it does not know.
 */
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$/;
const PROTO_DURATION = /^-?(\d+)(\.\d{1,9})?s$/;
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Returns a reason when `value` does not have `format`, undefined when it does (or the format is unknown). */
export function checkFormat(format: string, value: string): string | undefined {
  switch (format) {
    case 'date-time':
      return DATE_TIME.test(value) ? undefined : 'must be an RFC 3339 date-time such as `2024-01-02T15:04:05Z`';
    case 'proto-duration':
      // google.protobuf.Duration in JSON form (protobuf JSON mapping): seconds with an `s` suffix.
      return PROTO_DURATION.test(value) ? undefined : 'must be a duration in seconds such as `10s` or `0.5s`';
    case 'dns1123-label':
      if (value.length > 63) return 'must be no more than 63 characters';
      return DNS1123_LABEL.test(value)
        ? undefined
        : 'must be a DNS-1123 label: lowercase letters, digits and `-`, starting and ending with a letter or digit';
    case 'dns1123-subdomain':
      if (value.length > 253) return 'must be no more than 253 characters';
      return DNS1123_SUBDOMAIN.test(value)
        ? undefined
        : 'must be a DNS-1123 subdomain: lowercase letters, digits, `-` and `.`, starting and ending with a letter or digit';
    default:
      return undefined;
  }
}
