import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { CHAT_STATUSES, ChatStatus } from '../chat.schema';
import { OffsetPageQuery } from '@/common/paging/offset-page.query';

export class ListChatsQuery extends OffsetPageQuery {
  @ApiPropertyOptional({
    enum: CHAT_STATUSES,
    default: 'active',
    description: 'Deleted chats are listed only when asked for; they are a 404 on every route',
  })
  @IsOptional()
  @IsIn(CHAT_STATUSES)
  status: ChatStatus = 'active';
}
