import { PublicUserProfileDto, UserProfileDto } from './dto/user-profile.dto';
import { User } from './user.schema';

export function toPublicProfile(user: User): PublicUserProfileDto {
  return {
    id: user._id.toHexString(),
    email: user.email,
    full_name: user.full_name,
    avatar_url: user.avatar_url,
    is_active: user.is_active,
    created_at: user.created_at.toISOString(),
    updated_at: user.updated_at.toISOString(),
  };
}

/** The owner's own view adds the phone number, which other users do not see. */
export function toOwnProfile(user: User): UserProfileDto {
  return { ...toPublicProfile(user), phone_number: user.phone_number };
}

/** What another user sees: the contract's fields, with the contact details blanked or left out. */
export function withoutPrivateFields(profile: UserProfileDto): PublicUserProfileDto {
  const visible: Partial<UserProfileDto> = { ...profile, email: null };
  delete visible.phone_number;
  return visible as PublicUserProfileDto;
}
