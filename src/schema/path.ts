import type { FieldPath } from '../model/source.js';

const IDENT = /^[A-Za-z_$][\w$-]*$/;

/**
 * Formats a field path the way Kubernetes prints it in validation messages:
 * `spec.rules[0].from`, with keys that are not plain identifiers quoted (`labels["app.io/x"]`).
 */
export function formatPath(path: FieldPath): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (IDENT.test(seg)) out += out === '' ? seg : `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out === '' ? '(root)' : out;
}
