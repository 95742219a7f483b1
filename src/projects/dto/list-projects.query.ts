import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PROJECT_STATUSES, ProjectStatus } from '../project.schema';
import { OffsetPageQuery } from '@/common/paging/offset-page.query';

export class ListProjectsQuery extends OffsetPageQuery {
  @ApiPropertyOptional({ enum: PROJECT_STATUSES, default: 'active' })
  @IsOptional()
  @IsIn(PROJECT_STATUSES)
  status: ProjectStatus = 'active';
}
