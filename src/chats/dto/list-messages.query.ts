import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IntegerFromQuery } from '@/common/decorators/query-integer.decorator';

export const MESSAGE_PAGE_MAX = 100;

const CURSOR =
  "A message's `timestamp` (ISO 8601, as returned) or its `id`; a page's `next_before` / " +
  '`next_after` is the cursor of the next page';

/** A message id, or an ISO 8601 date or time (the service reads either). */
const CURSOR_PATTERN =
  '^([0-9a-fA-F]{24}|[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])' +
  '(T([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]{1,9})?)?(Z|[+-]([01][0-9]|2[0-3]):?[0-5][0-9])?)?)$';

export class ListMessagesQuery {
  @ApiPropertyOptional({ type: 'integer', default: 50, minimum: 1, maximum: MESSAGE_PAGE_MAX })
  @IsOptional()
  @IntegerFromQuery()
  @IsInt()
  @Min(1)
  @Max(MESSAGE_PAGE_MAX)
  limit = 50;

  @ApiPropertyOptional({
    description: `Page backwards: the messages before this cursor. ${CURSOR}`,
    example: '2024-01-16T10:30:00.000Z',
    pattern: CURSOR_PATTERN,
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  before?: string;

  @ApiPropertyOptional({
    description: `Page forwards: the messages after this cursor (not with before). ${CURSOR}`,
    pattern: CURSOR_PATTERN,
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  after?: string;
}
