/**
 * Istio `paths` values as predicates over a normalized URL path (spec §2.6, §2.7.3), and concrete
 * example paths a value denies, with the variants a client could send instead (adversarial AZ-01,
 * AZ-02, AZ-14).
 */
import { compileUriTemplate } from '../../engine/rbac/uri-template.js';

export type PathTest = (path: string) => boolean;

export function isTemplate(value: string): boolean {
  return value.includes('{*}') || value.includes('{**}');
}

/** The matcher istiod emits for one `paths` value. */
export function pathTest(value: string): PathTest {
  if (isTemplate(value)) {
    try {
      const re = compileUriTemplate(value.replace(/\{\*\*\}/g, '**').replace(/\{\*\}/g, '*'));
      return (p) => re.test(p);
    } catch {
      return () => false;
    }
  }
  if (value === '*') return (p) => p.length > 0;
  if (value.startsWith('*')) {
    const suffix = value.slice(1);
    return (p) => p.endsWith(suffix);
  }
  if (value.endsWith('*')) {
    const prefix = value.slice(0, -1);
    return (p) => p.startsWith(prefix);
  }
  return (p) => p === value;
}

/** A concrete path the value matches, or undefined when it matches (nearly) everything. */
export function examplePath(value: string): string | undefined {
  if (value === '*' || value === '/*' || value === '/{**}') return undefined;
  let p = value.replace(/\{\*\*\}/g, 'x').replace(/\{\*\}/g, 'x');
  if (p.startsWith('*')) p = `/x${p.slice(1)}`;
  if (p.endsWith('*')) p = `${p.slice(0, -1)}x`;
  return p.startsWith('/') ? p : undefined;
}

/** Raw request paths that a backend may treat like `path`, but that differ on the wire. */
export function pathVariants(path: string): { raw: string; trick: string }[] {
  const out: { raw: string; trick: string }[] = [{ raw: `/${path}`, trick: 'doubled slash' }];
  const inner = path.indexOf('/', 1);
  if (inner > 0) out.push({ raw: `${path.slice(0, inner)}%2F${path.slice(inner + 1)}`, trick: 'encoded slash' });
  const upper = path.toUpperCase();
  if (upper !== path) out.push({ raw: upper, trick: 'upper case' });
  return out;
}
