/**
 * Escaping for the two places manifest-derived strings land in the report: HTML text/attributes
 * and the inline JSON data block. Every name, path, header and claim comes from user manifests,
 * so nothing is interpolated without one of these.
 */

const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML element content and for quoted attribute values (HTML and SVG alike).
 *
 * @example
 * escapeHtml('<img src=x>') // '&lt;img src=x&gt;'
 */
export function escapeHtml(value: string | number): string {
  return String(value).replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);
}

/**
 * Serializes data for a `<script type="application/json">` block. `<`, `>` and `&` become `\uXXXX`
 * so that `</script>` or `<!--` in a value cannot end or alter the block (HTML parses script
 * content before JSON does); U+2028/2029 are escaped because they are line terminators to older
 * JavaScript parsers. The result is still valid JSON that parses to the same value.
 *
 * @example
 * jsonForScript({ name: '</script>' }) // '{"name":"\\u003c/script\\u003e"}'
 */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
