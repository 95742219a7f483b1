import { Injectable } from '@nestjs/common';
import { AppError } from '@/common/errors';
import { normalisePhoneNumber, emailKeyOf } from '@/users/user-identity';
import { SignInIdentity, UsersService } from '@/users/users.service';
import { WebhookEventsService } from '@/webhooks/webhook-events.service';
import { AuthenticatedUser } from './tokens/authenticated-user';
import { TokensService } from './tokens/tokens.service';
import {
  LoginResponseDto,
  ConfirmationDto,
  RefreshResponseDto,
  RegisteredDto,
} from './dto/auth-responses.dto';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginDto } from './dto/login.dto';
import { RefreshDto } from './dto/refresh.dto';
import { RegisterDto } from './dto/register.dto';
import { LoginLockout } from './login-lockout';
import { PasswordHasher } from './password-hasher';

/** Registration, sign-in and the token lifecycle. */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly tokens: TokensService,
    private readonly hasher: PasswordHasher,
    private readonly lockout: LoginLockout,
    private readonly webhookEvents: WebhookEventsService,
  ) {}

  async register(dto: RegisterDto): Promise<RegisteredDto> {
    if (dto.email === undefined && dto.phone_number === undefined) {
      throw AppError.validation([{ field: 'email', message: 'email or phone_number is required' }]);
    }
    const userId = await this.users.register({
      email: dto.email,
      phoneNumber:
        dto.phone_number === undefined ? undefined : normalisePhoneNumber(dto.phone_number),
      passwordHash: await this.hasher.hash(dto.password),
      fullName: dto.full_name,
    });
    await this.webhookEvents.publishOperator('user.created', {
      user_id: userId,
      created_at: new Date().toISOString(),
    });
    return {
      message: 'User registered successfully',
      user_id: userId,
      user: { id: userId, email: dto.email ?? null, full_name: dto.full_name ?? null },
    };
  }

  /**
   * Unknown account and wrong password are the same 401 after the same work (one argon2
   * verification), and both count towards the identifier's lockout. The attempt is counted
   * before the password is checked, so a burst of parallel guesses gets no more than the limit.
   */
  async login(dto: LoginDto): Promise<LoginResponseDto> {
    const identity = signInIdentity(dto);
    const attempt = await this.lockout.reserve(
      'email' in identity ? `email:${emailKeyOf(identity.email)}` : `phone:${identity.phoneNumber}`,
    );
    const user = await this.users.findForSignIn(identity);
    const passwordMatches = await this.hasher.verify(user?.password_hash, dto.password);
    if (!user || !passwordMatches) {
      await attempt.failed();
      throw new AppError('UNAUTHORIZED', 'Invalid credentials');
    }
    const userId = user._id.toHexString();
    await attempt.succeeded();
    if (this.hasher.isOutdated(user.password_hash)) {
      await this.users.replacePasswordHash(userId, await this.hasher.hash(dto.password));
    }
    await this.users.recordLogin(userId);
    const pair = await this.tokens.openFamily(userId);
    return {
      ...pair,
      token_type: 'bearer',
      user: { id: userId, email: user.email, full_name: user.full_name },
      user_id: userId,
    };
  }

  async refresh(dto: RefreshDto): Promise<RefreshResponseDto> {
    const claims = this.tokens.readRefreshToken(dto.refresh_token);
    // Belt and braces: deleting an account ends its families, but a refresh is rare enough to
    // afford checking the account itself.
    if (!(await this.users.findActive(claims.sub))) {
      throw new AppError('UNAUTHORIZED', 'Invalid or expired refresh token');
    }
    const pair = await this.tokens.rotate(claims);
    return {
      access_token: pair.access_token,
      token_type: 'bearer',
      expires_in: pair.expires_in,
      refresh_token: pair.refresh_token,
    };
  }

  async logout(user: AuthenticatedUser): Promise<ConfirmationDto> {
    await this.tokens.endFamily(user);
    return { message: 'Successfully logged out' };
  }

  /**
   * Every other token family ends; the caller's stays signed in. A wrong current password counts
   * towards the account's login lockout: a stolen access token is no way to guess the password.
   */
  async changePassword(user: AuthenticatedUser, dto: ChangePasswordDto): Promise<ConfirmationDto> {
    const account = await this.users.findActive(user.id);
    if (!account) throw AppError.notFound('User');
    const attempt = await this.lockout.reserve(
      account.email ? `email:${emailKeyOf(account.email)}` : `phone:${account.phone_number}`,
    );
    if (!(await this.hasher.verify(account.password_hash, dto.current_password))) {
      await attempt.failed();
      const message = 'Current password is incorrect';
      throw new AppError('VALIDATION_ERROR', message, {
        fields: [{ field: 'current_password', message }],
      });
    }
    await attempt.succeeded();
    await this.users.replacePasswordHash(user.id, await this.hasher.hash(dto.new_password));
    await this.tokens.endOtherFamilies(user);
    return { message: 'Password updated successfully' };
  }
}

function signInIdentity(dto: LoginDto): SignInIdentity {
  if (dto.email !== undefined && dto.phone_number !== undefined) {
    throw AppError.validation([
      { field: 'phone_number', message: 'send either email or phone_number, not both' },
    ]);
  }
  if (dto.email !== undefined) return { email: dto.email };
  const phoneNumber =
    dto.phone_number === undefined ? undefined : normalisePhoneNumber(dto.phone_number);
  if (phoneNumber === undefined) {
    throw AppError.validation([{ field: 'email', message: 'email or phone_number is required' }]);
  }
  return { phoneNumber };
}
