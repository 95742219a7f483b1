import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Put } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { AuthenticatedUser } from '@/auth/tokens/authenticated-user';
import {
  ApiAuthRequired,
  ApiValidationFailed,
  errorExample,
} from '@/common/decorators/api-errors.decorator';
import { CurrentUser } from '@/auth/decorators/current-user.decorator';
import { RateLimit } from '@/common/throttling/rate-limit.decorator';
import {
  AccountDeletedDto,
  ProfileUpdatedDto,
  PublicUserProfileDto,
  UserProfileDto,
} from './dto/user-profile.dto';
import { UpdateProfileDto } from './dto/update-profile.dto';
import { UsersService } from './users.service';

@ApiTags('users')
@ApiBearerAuth()
@ApiAuthRequired()
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get('me')
  @ApiOperation({ summary: 'Your profile' })
  @ApiOkResponse({ type: UserProfileDto })
  me(@CurrentUser() user: AuthenticatedUser): Promise<UserProfileDto> {
    return this.users.getOwnProfile(user.id);
  }

  @Put('me')
  @ApiOperation({
    summary: 'Update your profile',
    description:
      'full_name is kept exactly as sent: one line (no control characters), not blank, at most 100 characters.',
  })
  @ApiBody({ type: UpdateProfileDto })
  @ApiOkResponse({ type: ProfileUpdatedDto })
  @ApiValidationFailed()
  updateMe(
    @CurrentUser() user: AuthenticatedUser,
    @Body() changes: UpdateProfileDto,
  ): Promise<ProfileUpdatedDto> {
    return this.users.updateOwnProfile(user.id, changes);
  }

  @Delete('me')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Delete your account (soft delete)',
    description:
      'Sign-in stops and every token of the account is revoked at once; the data is kept for the ' +
      'retention period. The email and phone number can be registered again.',
  })
  @ApiOkResponse({ type: AccountDeletedDto })
  deleteMe(@CurrentUser() user: AuthenticatedUser): Promise<AccountDeletedDto> {
    return this.users.deleteAccount(user);
  }

  @Get(':user_id')
  @RateLimit('profiles')
  @ApiOperation({
    summary: "Another user's public profile",
    description:
      'What another user needs to see: name, avatar and dates. `email` is null and there is ' +
      'no phone number unless the id is your own (then this is your profile, as /users/me). ' +
      'Rate limited per user (RATE_LIMIT_PROFILES_PER_MINUTE).',
  })
  @ApiOkResponse({ type: PublicUserProfileDto })
  @ApiNotFoundResponse({ schema: errorExample('User not found', 'NOT_FOUND') })
  profile(
    @CurrentUser() viewer: AuthenticatedUser,
    @Param('user_id') userId: string,
  ): Promise<PublicUserProfileDto> {
    return this.users.getProfile(viewer.id, userId);
  }
}
