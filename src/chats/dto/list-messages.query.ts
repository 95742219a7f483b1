import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { IntegerFromQuery } from '@/common/decorators/query-integer.decorator';

export const MESSAGE_PAGE_MAX = 100;

const CURSOR =
  "A message's `timestamp` (ISO 8601, as returned) or its `id`; a page's `next_before` / " +
  '`next_after` is the cursor of the next page';

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
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  before?: string;

  @ApiPropertyOptional({
    description: `Page forwards: the messages after this cursor (not with before). ${CURSOR}`,
  })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  after?: string;
}
