import { PublicUserProfileDto, UserProfileDto } from './dto/user-profile.dto';
import { User } from './user.schema';

export function toPublicProfile(user: User): PublicUserProfileDto {
  return {
    id: user._id.toHexString(),
    email: user.email,
    full_name: user.full_name,
    avatar_url: user.avatar_url,
    is_active: user.is_active,
    created_at: user.created_at,
    updated_at: user.updated_at,
  };
}

/** The owner's own view adds the phone number, which other users do not see. */
export function toOwnProfile(user: User): UserProfileDto {
  return { ...toPublicProfile(user), phone_number: user.phone_number };
}
