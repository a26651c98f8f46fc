/**
 * Go's `regexp.QuoteMeta`: a backslash before each of `\ . + * ? ( ) | [ ] { } ^ $`.
 * istiod quotes user literals this way before embedding them in RE2 regexes (spec §4), so the
 * same quoting is needed for byte-identical output and for regexes that match only the literal.
 */
const SPECIAL = /[\\.+*?()|[\]{}^$]/g;

export function quoteMeta(s: string): string {
  return s.replace(SPECIAL, '\\$&');
}
