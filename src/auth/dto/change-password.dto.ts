import { ApiProperty } from '@nestjs/swagger';
import { IsPasswordAttempt, IsStrongPassword } from './credential-rules';

export class ChangePasswordDto {
  @ApiProperty({ example: 'oldPassw0rd' })
  @IsPasswordAttempt()
  current_password!: string;

  @ApiProperty({
    example: 'N3wSecur3Pass!',
    description: 'Same policy as registration, common passwords refused',
  })
  @IsStrongPassword()
  new_password!: string;
}
