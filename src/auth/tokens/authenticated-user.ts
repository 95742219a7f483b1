import type { Request } from 'express';

/** Who a valid access token speaks for: what guards attach and @CurrentUser() returns. */
export interface AuthenticatedUser {
  readonly id: string;
  /** The access token's jti (what logout denylists). */
  readonly tokenId: string;
  /** The token family (one per sign-in) the token belongs to; refreshes stay in it. */
  readonly familyId: string;
  /** Unix seconds. */
  readonly expiresAt: number;
}

export type AuthenticatedRequest = Request & { user?: AuthenticatedUser };
