import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import type { KeyObject } from 'node:crypto';
import { Strategy } from 'passport-jwt';
import type { AccessTokenVerifier } from '../tokens/access-token.verifier';
import type { AuthenticatedUser } from '../tokens/authenticated-user';

export const JWT_STRATEGY = 'jwt';

/** This app's access-token check, handed to the strategy with each request by JwtAuthGuard. */
export interface AccessCheck {
  readonly key: KeyObject;
  readonly verifier: AccessTokenVerifier;
}

const ACCESS_CHECK = Symbol('accessCheck');
const ACCESS_TOKEN = Symbol('accessToken');
type CheckedRequest = Request & { [ACCESS_CHECK]?: AccessCheck; [ACCESS_TOKEN]?: string };

/** The guard has read the bearer token already: the strategy takes it from here, not the header. */
export function attachAccessCheck(request: Request, check: AccessCheck, token: string): void {
  (request as CheckedRequest)[ACCESS_CHECK] = check;
  (request as CheckedRequest)[ACCESS_TOKEN] = token;
}

function accessCheckOf(request: Request): AccessCheck {
  const check = (request as CheckedRequest)[ACCESS_CHECK];
  if (!check) throw new Error('The jwt strategy ran without JwtAuthGuard');
  return check;
}

/**
 * passport-jwt: the bearer token's HS256 signature and expiry, then AccessTokenVerifier.admit
 * (claims shape, denylist, token family and its owner: one Redis MGET). Passport keeps strategies
 * in one registry per process, so this one holds no app state: the key and verifier come with the
 * request (JwtAuthGuard attaches them). Several apps in one process, as in the e2e suite, would
 * otherwise all check tokens with whichever app was built last.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, JWT_STRATEGY) {
  constructor() {
    super({
      jwtFromRequest: (request: Request) => (request as CheckedRequest)[ACCESS_TOKEN] ?? null,
      // A KeyObject, which jsonwebtoken (passport-jwt hands the key to it) takes although the
      // typings say string | Buffer; jwt-key.ts says why not the string.
      secretOrKeyProvider: (
        request: Request,
        _token: string,
        done: (error: null, key: Buffer) => void,
      ) => done(null, accessCheckOf(request).key as unknown as Buffer),
      // Pinning the algorithm is what refuses `alg: none` and any algorithm-confusion trick.
      algorithms: ['HS256'],
      passReqToCallback: true,
    });
  }

  validate(request: Request, claims: unknown): Promise<AuthenticatedUser> {
    return accessCheckOf(request).verifier.admit(claims);
  }
}
