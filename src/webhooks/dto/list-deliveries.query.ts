import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IntegerFromQuery } from '@/common/decorators/query-integer.decorator';

export const DELIVERY_PAGE_MAX = 100;

export class ListDeliveriesQuery {
  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: DELIVERY_PAGE_MAX })
  @IsOptional()
  @IntegerFromQuery()
  @IsInt()
  @Min(1)
  @Max(DELIVERY_PAGE_MAX)
  limit = 20;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @IntegerFromQuery()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset = 0;
}
