/**
 * The requirement tree (`envoy:.../jwt_authn/verifier.cc`), evaluated synchronously because every
 * key is already resolved:
 *
 * - provider: that provider's authenticator;
 * - any: children in order, stopping at the first `Ok`; otherwise the children's statuses are folded
 *   as `AnyVerifierImpl::onComplete` does (start from `JwtMissed`; a status that is neither
 *   `JwtMissed` nor `JwtUnknownIssuer` replaces the current one, and anything replaces
 *   `JwtMissed`), so `JwtUnknownIssuer` beats `JwtMissed` and a real error beats both (JWT-59);
 *   `allow_missing` turns only a final `JwtMissed` into `Ok`;
 * - all: children in order, stopping at the first failure.
 *
 * Note: the fold keeps the *last* real error among the children (the loop has no early exit);
 * adversarial-cases.md B.0 says "first". With Istio's requirement shape the two rarely differ.
 */
import type { JwtRequirement } from '../../compile/request-authn.js';
import { authenticateProvider, type AuthnContext } from './authenticate.js';
import type { ResolvedJwtAuthn } from './resolved.js';
import type { JwtStatus } from './status.js';

/** One step of `AnyVerifierImpl::onComplete`'s fold over the children's statuses. */
function foldAny(final: JwtStatus, s: JwtStatus): JwtStatus {
  return (s !== 'JwtMissed' && s !== 'JwtUnknownIssuer') || final === 'JwtMissed' ? s : final;
}

export function evaluateRequirement(cfg: ResolvedJwtAuthn, req: JwtRequirement, ctx: AuthnContext): JwtStatus {
  switch (req.kind) {
    case 'provider': {
      const p = cfg.providers.get(req.provider);
      // Envoy refuses a config naming an unknown provider; failing closed is the safe reading.
      if (!p) return 'JwtVerificationFail';
      return authenticateProvider(ctx, p);
    }
    case 'any': {
      let final: JwtStatus = 'JwtMissed';
      for (const child of req.requirements) {
        const s = evaluateRequirement(cfg, child, ctx);
        if (s === 'Ok') return 'Ok';
        final = foldAny(final, s);
      }
      return req.allowMissing && final === 'JwtMissed' ? 'Ok' : final;
    }
    case 'all': {
      for (const child of req.requirements) {
        const s = evaluateRequirement(cfg, child, ctx);
        if (s !== 'Ok') return s;
      }
      return 'Ok';
    }
  }
}
