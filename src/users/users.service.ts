import { Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '@/auth/tokens/authenticated-user';
import { TokensService } from '@/auth/tokens/tokens.service';
import { AppError } from '@/common/errors';
import {
  AccountDeletedDto,
  ProfileUpdatedDto,
  PublicUserProfileDto,
  UserProfileDto,
} from './dto/user-profile.dto';
import { UpdateProfileDto } from './dto/update-profile.dto';
import { UserProfileCache } from './user-profile.cache';
import { toOwnProfile, withoutPrivateFields } from './user-profile.view';
import { User } from './user.schema';
import { isUserId, NewUser, UsersRepository } from './users.repository';

export type SignInIdentity = { readonly email: string } | { readonly phoneNumber: string };

const DUPLICATE_MESSAGE = {
  email: 'Email already exists',
  phone_number: 'Phone number already exists',
} as const;

/** Accounts and profiles. Credentials and tokens are AuthService's; this owns the records. */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly profiles: UserProfileCache,
    private readonly tokens: TokensService,
  ) {}

  /** A taken email is a 400 "Email already exists" (in any letter case). */
  async register(input: NewUser): Promise<string> {
    const result = await this.users.create(input);
    if ('duplicate' in result) {
      const message = DUPLICATE_MESSAGE[result.duplicate];
      throw new AppError('VALIDATION_ERROR', message, {
        fields: [{ field: result.duplicate, message }],
      });
    }
    return result.created._id.toHexString();
  }

  findForSignIn(identity: SignInIdentity): Promise<User | null> {
    return 'email' in identity
      ? this.users.findActiveByEmail(identity.email)
      : this.users.findActiveByPhone(identity.phoneNumber);
  }

  /** Null for an unknown, deleted or deactivated account. */
  findActive(userId: string): Promise<User | null> {
    return this.users.findActiveById(userId);
  }

  recordLogin(userId: string): Promise<void> {
    return this.users.recordLogin(userId, new Date());
  }

  replacePasswordHash(userId: string, passwordHash: string): Promise<void> {
    return this.users.replacePasswordHash(userId, passwordHash);
  }

  /** Served from the profile cache when it can be (see UserProfileCache). */
  async getOwnProfile(userId: string): Promise<UserProfileDto> {
    const cached = await this.profiles.get(userId);
    if (cached === 'gone') throw AppError.notFound('User');
    if (cached) return cached;
    const user = await this.users.findActiveById(userId);
    if (!user) throw AppError.notFound('User');
    const profile = toOwnProfile(user);
    await this.profiles.fill(profile);
    return profile;
  }

  /**
   * GET /users/{user_id}: your own id is your profile; anyone else's shows only what another
   * user needs (no email, no phone number), so a stranger cannot harvest contact details.
   */
  async getProfile(viewerId: string, userId: string): Promise<PublicUserProfileDto> {
    if (!isUserId(userId)) throw AppError.notFound('User');
    const profile = await this.getOwnProfile(userId);
    return viewerId === userId ? profile : withoutPrivateFields(profile);
  }

  async updateOwnProfile(userId: string, changes: UpdateProfileDto): Promise<ProfileUpdatedDto> {
    if (changes.full_name === undefined && changes.avatar_url === undefined) {
      throw AppError.validation([
        { field: 'full_name', message: 'Nothing to update: send full_name and/or avatar_url' },
      ]);
    }
    const updated = await this.users.updateProfile(userId, {
      ...(changes.full_name !== undefined && { full_name: changes.full_name }),
      ...(changes.avatar_url !== undefined && { avatar_url: changes.avatar_url }),
    });
    if (!updated) throw AppError.notFound('User');
    const profile = toOwnProfile(updated);
    await this.profiles.replace(profile);
    return { message: 'Profile updated successfully', user: profile };
  }

  /**
   * Soft delete: the record stays for the retention period, sign-in stops at once
   * (the document first, so no new login can start) and then every token family ends.
   */
  async deleteAccount(user: AuthenticatedUser): Promise<AccountDeletedDto> {
    await this.users.softDelete(user.id, new Date());
    await this.profiles.markGone(user.id);
    await this.tokens.endAllFamilies(user.id);
    return { message: 'Account deleted successfully' };
  }

  /** Accounts soft-deleted before `cutoff`, oldest first: the account purge's work list. */
  deletedBefore(cutoff: Date, limit: number): Promise<string[]> {
    return this.users.findDeletedBefore(cutoff, limit);
  }

  /**
   * Account purge, last step: the user document goes for good, and only a soft-deleted one (a
   * live account is never purged). Answers whether it went.
   */
  purgeOwner(userId: string): Promise<boolean> {
    return this.users.purgeDeleted(userId);
  }
}
