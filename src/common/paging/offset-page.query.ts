import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IntegerFromQuery } from '@/common/decorators/query-integer.decorator';

export const OFFSET_PAGE_MAX = 100;

/** `limit` and `offset` of a list that pages by position (projects, chats, deliveries). */
export class OffsetPageQuery {
  @ApiPropertyOptional({ type: 'integer', default: 20, minimum: 1, maximum: OFFSET_PAGE_MAX })
  @IsOptional()
  @IntegerFromQuery()
  @IsInt()
  @Min(1)
  @Max(OFFSET_PAGE_MAX)
  limit = 20;

  @ApiPropertyOptional({ type: 'integer', default: 0, minimum: 0 })
  @IsOptional()
  @IntegerFromQuery()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset = 0;
}
