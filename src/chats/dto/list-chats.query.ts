import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { CHAT_STATUSES, ChatStatus } from '../chat.schema';
import { IntegerFromQuery } from '@/common/decorators/query-integer.decorator';

export const CHAT_PAGE_MAX = 100;

export class ListChatsQuery {
  @ApiPropertyOptional({
    enum: CHAT_STATUSES,
    default: 'active',
    description: 'Deleted chats are listed only when asked for; they are a 404 on every route',
  })
  @IsOptional()
  @IsIn(CHAT_STATUSES)
  status: ChatStatus = 'active';

  @ApiPropertyOptional({ type: 'integer', default: 20, minimum: 1, maximum: CHAT_PAGE_MAX })
  @IsOptional()
  @IntegerFromQuery()
  @IsInt()
  @Min(1)
  @Max(CHAT_PAGE_MAX)
  limit = 20;

  @ApiPropertyOptional({ type: 'integer', default: 0, minimum: 0 })
  @IsOptional()
  @IntegerFromQuery()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset = 0;
}
