import {
  applyDecorators,
  Body,
  Controller,
  Header,
  HttpCode,
  HttpStatus,
  Post,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import {
  ApiAuthRequired,
  ApiValidationFailed,
  errorExample,
} from '@/common/decorators/api-errors.decorator';
import { CurrentUser } from '@/auth/decorators/current-user.decorator';
import { Public } from '@/auth/decorators/public.decorator';
import { RateLimit } from '@/common/throttling/rate-limit.decorator';
import { AuthService } from './auth.service';
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
import { AuthenticatedUser } from './tokens/authenticated-user';

/** Tokens and account changes must never sit in a browser or proxy cache (OWASP ASVS). */
const NoStore = (): MethodDecorator =>
  applyDecorators(Header('Cache-Control', 'no-store'), Header('Pragma', 'no-cache'));

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post('register')
  @NoStore()
  @Public()
  @RateLimit('auth')
  @ApiOperation({ summary: 'Create an account with an email, a phone number (E.164) or both' })
  @ApiBody({ type: RegisterDto })
  @ApiCreatedResponse({ type: RegisteredDto })
  @ApiValidationFailed('Email already exists', 'email')
  register(@Body() dto: RegisterDto): Promise<RegisteredDto> {
    return this.auth.register(dto);
  }

  @Post('login')
  @NoStore()
  @Public()
  @RateLimit('auth')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Sign in with email or phone_number and password',
    description:
      'Five failed attempts for one email or phone number lock it for 15 minutes (429 ACCOUNT_LOCKED ' +
      'with retry_after), whether or not an account has it.',
  })
  @ApiBody({ type: LoginDto })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ schema: errorExample('Invalid credentials', 'UNAUTHORIZED') })
  @ApiResponse({
    status: 429,
    description: 'Locked after too many failed attempts, or rate limited',
    schema: errorExample(
      'Too many failed login attempts. Try again in 15 minute(s).',
      'ACCOUNT_LOCKED',
      { retry_after: 900 },
    ),
  })
  @ApiValidationFailed('Validation failed: email must be a valid email address')
  login(@Body() dto: LoginDto): Promise<LoginResponseDto> {
    return this.auth.login(dto);
  }

  @Post('refresh')
  @NoStore()
  @Public()
  @RateLimit('auth')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Trade a refresh token for a new access token and a new refresh token',
    description:
      'Refresh tokens rotate: each works once. Presenting a spent one ends the whole session, ' +
      'except within REFRESH_REUSE_WINDOW_SECONDS (20) of its rotation: then it answers the same ' +
      'new pair again (two tabs refreshing at once both stay signed in).',
  })
  @ApiBody({ type: RefreshDto })
  @ApiOkResponse({ type: RefreshResponseDto })
  @ApiUnauthorizedResponse({
    schema: errorExample('Invalid or expired refresh token', 'UNAUTHORIZED'),
  })
  @ApiValidationFailed('Validation failed: refresh_token must be a jwt string')
  refresh(@Body() dto: RefreshDto): Promise<RefreshResponseDto> {
    return this.auth.refresh(dto);
  }

  @Post('logout')
  @NoStore()
  @HttpCode(HttpStatus.OK)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End this session: its access and refresh tokens stop working' })
  @ApiOkResponse({ type: ConfirmationDto })
  @ApiAuthRequired()
  logout(@CurrentUser() user: AuthenticatedUser): Promise<ConfirmationDto> {
    return this.auth.logout(user);
  }

  @Post('change-password')
  @NoStore()
  @RateLimit('auth')
  @HttpCode(HttpStatus.OK)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'Change your password; every other session is signed out' })
  @ApiBody({ type: ChangePasswordDto })
  @ApiOkResponse({ schema: { example: { message: 'Password updated successfully' } } })
  @ApiValidationFailed('Current password is incorrect', 'current_password')
  @ApiAuthRequired()
  changePassword(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: ChangePasswordDto,
  ): Promise<ConfirmationDto> {
    return this.auth.changePassword(user, dto);
  }
}
