import { ApiProperty } from '@nestjs/swagger';
import { IsByteLength, IsString } from 'class-validator';
import { NotBlank, VerbatimText } from '@/common/decorators/sanitized-text.decorator';

/** The multipart text field's limit: the same for JSON bodies, so both encodings agree. */
export const CONTENT_MAX_BYTES = 64 * 1024;

/** The text field of POST /chats/{chat_id}/messages (multipart with files, or JSON). */
export class PostMessageDto {
  @ApiProperty({
    example: 'Can you help me with user personas?',
    description:
      'Stored and returned exactly as sent (line breaks, `<`, `>`, emoji), up to 64 KB of UTF-8; ' +
      'a message longer than the model can read is read as its summary, never refused',
  })
  @IsString()
  @IsByteLength(1, CONTENT_MAX_BYTES, { message: '$property must be 1 byte to 64 KB of UTF-8' })
  @VerbatimText()
  @NotBlank()
  content!: string;
}
