import { ApiProperty } from '@nestjs/swagger';

export class ConfirmationDto {
  @ApiProperty({ example: 'Successfully logged out' })
  message!: string;
}

export class SignedInUserDto {
  @ApiProperty({ example: '64f5a1b2c3d4e5f6789012ab' })
  id!: string;

  @ApiProperty({ type: String, nullable: true, example: 'user@example.com' })
  email!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'John Doe' })
  full_name!: string | null;
}

export class RegisteredDto {
  @ApiProperty({ example: 'User registered successfully' })
  message!: string;

  @ApiProperty({ example: '64f5a1b2c3d4e5f6789012ab' })
  user_id!: string;

  @ApiProperty({ type: SignedInUserDto, description: 'The account, as login names it' })
  user!: SignedInUserDto;
}

export class LoginResponseDto {
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIs...' })
  access_token!: string;

  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIs...' })
  refresh_token!: string;

  @ApiProperty({ example: 'bearer', enum: ['bearer'] })
  token_type!: 'bearer';

  @ApiProperty({ example: 1800, description: 'Access token lifetime in seconds' })
  expires_in!: number;

  @ApiProperty({ type: SignedInUserDto })
  user!: SignedInUserDto;

  @ApiProperty({
    example: '64f5a1b2c3d4e5f6789012ab',
    description: '`user.id`, as register names it',
  })
  user_id!: string;
}

/** The contract's refresh body plus the rotated refresh token, which replaces the one sent. */
export class RefreshResponseDto {
  @ApiProperty({ example: 'eyJhbGciOiJIUzI1NiIs...' })
  access_token!: string;

  @ApiProperty({ example: 'bearer', enum: ['bearer'] })
  token_type!: 'bearer';

  @ApiProperty({ example: 1800 })
  expires_in!: number;

  @ApiProperty({
    example: 'eyJhbGciOiJIUzI1NiIs...',
    description:
      'Use this one next time: the one sent is now spent, and sending it again ends the session',
  })
  refresh_token!: string;
}
