import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import type { KeyObject } from 'node:crypto';
import { Strategy } from 'passport-jwt';
import type { AccessTokenVerifier } from '../tokens/access-token.verifier';
import type { AuthenticatedUser } from '../tokens/authenticated-user';

export const JWT_STRATEGY = 'jwt';

/**
 * What JwtAuthGuard hands passport instead of the HTTP request: the bearer token and this app's
 * key and verifier. Passport stores its helpers (login, logout, …) on the request it is given,
 * and eight more properties on Express's request object cost every later middleware ~40 µs of
 * CPU per request (measured with bench:users-me's setup: its property lookups slow down). On
 * this small object they cost nothing; the guard puts the user on the real request.
 */
export interface AccessAttempt {
  /** Null when the request has no bearer token. */
  readonly token: string | null;
  readonly key: KeyObject;
  readonly verifier: AccessTokenVerifier;
}

/** passport-jwt's typings say Express request; the guard gives it an AccessAttempt. */
function attemptOf(request: Request): AccessAttempt {
  return request as unknown as AccessAttempt;
}

/**
 * passport-jwt: the token's HS256 signature and expiry, then AccessTokenVerifier.admit (claims
 * shape, denylist, token family and its owner: one Redis MGET). Passport keeps strategies in one
 * registry per process, so this one holds no app state: the key and verifier come with each
 * attempt. Several apps in one process, as in the e2e suite, would otherwise all check tokens
 * with whichever app was built last.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, JWT_STRATEGY) {
  constructor() {
    super({
      jwtFromRequest: (request: Request) => attemptOf(request).token,
      // A KeyObject, which jsonwebtoken (passport-jwt hands the key to it) takes although the
      // typings say string | Buffer; jwt-key.ts says why not the string.
      secretOrKeyProvider: (
        request: Request,
        _token: string,
        done: (error: null, key: Buffer) => void,
      ) => done(null, attemptOf(request).key as unknown as Buffer),
      // Pinning the algorithm is what refuses `alg: none` and any algorithm-confusion trick.
      algorithms: ['HS256'],
      passReqToCallback: true,
    });
  }

  validate(request: Request, claims: unknown): Promise<AuthenticatedUser> {
    return attemptOf(request).verifier.admit(claims);
  }
}
