import { ApiPropertyOptional, ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength, MinLength } from 'class-validator';
import { OptionalNotNull } from '@/common/decorators/optional-not-null.decorator';
import { VerbatimName } from '@/common/decorators/sanitized-text.decorator';
import { FULL_NAME_MAX } from '@/users/dto/update-profile.dto';
import { IsE164PhoneNumber, IsEmailAddress, IsStrongPassword } from './credential-rules';
import { ApiSchemaRules, AtLeastOneOf } from '@/common/decorators/api-schema-rules.decorator';

/** At least one of email and phone_number. */
@ApiSchemaRules(AtLeastOneOf('email', 'phone_number'))
export class RegisterDto {
  @ApiPropertyOptional({ example: 'user@example.com', description: 'Unique in any letter case' })
  @OptionalNotNull()
  @IsEmailAddress()
  email?: string;

  @ApiPropertyOptional({ example: '+14155552671', description: 'E.164; unique' })
  @OptionalNotNull()
  @IsE164PhoneNumber()
  phone_number?: string;

  @ApiProperty({
    example: 'Secur3Passw0rd',
    description:
      '8-128 characters with an upper-case letter, a lower-case letter and a digit, and not one of the most common passwords (any letter case)',
  })
  @IsStrongPassword()
  password!: string;

  @ApiPropertyOptional({ example: 'John Doe', maxLength: FULL_NAME_MAX })
  @OptionalNotNull()
  @VerbatimName()
  @IsString()
  @MinLength(1)
  @MaxLength(FULL_NAME_MAX)
  full_name?: string;
}
