/**
 * Whether a concrete request falls in a reach class: every free literal of the class holds for it
 * (the fixed ones hold by construction for the attacker the class was computed for). Used by the
 * property test "the engine allows ⇒ reach lists a class that contains the request".
 */
import type { RequestFacts } from '../../model/request.js';
import { RbacRequest } from '../../engine/rbac/request-view.js';
import type { ReachClass } from './classes.js';
import { testLiteral } from './literals.js';

export interface ConcreteRequest {
  method: string;
  /** Normalized url path (no query). */
  path: string;
  authority: string;
  headers: readonly (readonly [string, string])[];
  /** The payload jwt_authn exposed, when a token was accepted. */
  jwtPayload?: Readonly<Record<string, unknown>>;
  /** `remote.ip` as the destination proxy derived it. */
  remoteIp?: string;
  sni?: string;
}

export function classContains(cls: ReachClass, req: ConcreteRequest): boolean {
  const facts: RequestFacts = {
    connection: { peerPrincipals: [], mtls: false, destinationPort: 0, ...(req.sni ? { sni: req.sni } : {}) },
    http: { method: req.method, path: req.path, authority: req.authority, headers: req.headers },
  };
  if (req.jwtPayload) facts.jwt = { payload: req.jwtPayload, issuer: '' };
  const r = new RbacRequest(facts, { path: req.path, urlPath: req.path, ...(req.remoteIp !== undefined ? { remoteIp: req.remoteIp } : {}) });
  return cls.free.every((l) => testLiteral(l, r));
}
