import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { OptionalNotNull } from '@/common/decorators/optional-not-null.decorator';
import { IsE164PhoneNumber, IsEmailAddress, IsPasswordAttempt } from './credential-rules';
import { ApiSchemaRules, ExactlyOneOf } from '@/common/decorators/api-schema-rules.decorator';

/** Exactly one of email and phone_number. */
@ApiSchemaRules(ExactlyOneOf('email', 'phone_number'))
export class LoginDto {
  @ApiPropertyOptional({ example: 'user@example.com' })
  @OptionalNotNull()
  @IsEmailAddress()
  email?: string;

  @ApiPropertyOptional({ example: '+14155552671' })
  @OptionalNotNull()
  @IsE164PhoneNumber()
  phone_number?: string;

  @ApiProperty({ example: 'Secur3Passw0rd' })
  @IsPasswordAttempt()
  password!: string;
}
