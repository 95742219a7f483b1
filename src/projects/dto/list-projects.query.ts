import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { PROJECT_STATUSES, ProjectStatus } from '../project.schema';
import { IntegerFromQuery } from '@/common/decorators/query-integer.decorator';

export const PAGE_MAX = 100;

export class ListProjectsQuery {
  @ApiPropertyOptional({ enum: PROJECT_STATUSES, default: 'active' })
  @IsOptional()
  @IsIn(PROJECT_STATUSES)
  status: ProjectStatus = 'active';

  @ApiPropertyOptional({ default: 20, minimum: 1, maximum: PAGE_MAX })
  @IsOptional()
  @IntegerFromQuery()
  @IsInt()
  @Min(1)
  @Max(PAGE_MAX)
  limit = 20;

  @ApiPropertyOptional({ default: 0, minimum: 0 })
  @IsOptional()
  @IntegerFromQuery()
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  offset = 0;
}
