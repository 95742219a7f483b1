import { ApiProperty } from '@nestjs/swagger';

/** GET /users/{user_id}: the public profile. */
export class PublicUserProfileDto {
  @ApiProperty({ example: '64f5a1b2c3d4e5f6789012ab' })
  id!: string;

  @ApiProperty({
    type: String,
    nullable: true,
    example: 'user@example.com',
    description: "Only on your own profile (null on anyone else's, and for a phone-only account)",
  })
  email!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'John Doe' })
  full_name!: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'https://cdn.example.com/avatars/u1.jpg' })
  avatar_url!: string | null;

  @ApiProperty({ example: true })
  is_active!: boolean;

  @ApiProperty({ format: 'date-time', example: '2024-01-15T10:30:00.000Z' })
  created_at!: string;

  @ApiProperty({ format: 'date-time', example: '2024-01-16T14:25:00.000Z' })
  updated_at!: string;
}

/** GET /users/me: the public profile plus what only the owner sees. */
export class UserProfileDto extends PublicUserProfileDto {
  @ApiProperty({ type: String, nullable: true, example: '+14155552671' })
  phone_number!: string | null;
}

export class ProfileUpdatedDto {
  @ApiProperty({ example: 'Profile updated successfully' })
  message!: string;

  @ApiProperty({ type: UserProfileDto })
  user!: UserProfileDto;
}

export class AccountDeletedDto {
  @ApiProperty({ example: 'Account deleted successfully' })
  message!: string;
}
