/**
 * Who a request speaks for. The authentication hook (routes.ts) puts it on every request
 * under /api/ except sign-in and refresh; route handlers read it with `principalOf`.
 *
 *   app.post(PATHS.push('events'), { schema }, async (request) => {
 *     const who = principalOf(request);   // RequestPrincipal, never null here
 *     … who.villageCode, who.deviceId …
 *   });
 */
import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../../shared/auth/roles.ts';
import { CodedError } from '../../../shared/errors.ts';

/** The signed-in staff member, plus the session and device of this request's token. */
export interface RequestPrincipal extends Principal {
  readonly sessionId: string;
  readonly deviceId: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the authentication hook on authenticated routes; null elsewhere. */
    principal: RequestPrincipal | null;
  }
  interface FastifyInstance {
    /**
     * Checks a request's token again, as the hook did when it arrived: for long-lived
     * requests (sync streams), so logout, revocation, a disabled account or the token's
     * expiry end them too. Throws the same auth.* errors as the hook.
     */
    reauthenticate(request: FastifyRequest): Promise<RequestPrincipal>;
  }
}

/**
 * The request's principal. Throws auth.token-missing (401) if there is none — which only
 * happens on a route outside the authenticated area (/healthz, sign-in), i.e. a bug.
 */
export function principalOf(request: FastifyRequest): RequestPrincipal {
  const principal = request.principal;
  if (principal === null) throw new CodedError('auth.token-missing');
  return principal;
}
