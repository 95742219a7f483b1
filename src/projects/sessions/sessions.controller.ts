import { copyQuestion } from '@/domain/clarification';
import { Controller, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentUser } from '@/auth/decorators/current-user.decorator';
import type { AuthenticatedUser } from '@/auth/tokens/authenticated-user';
import { ApiProjectMustBeActive, ApiProjectRoute } from '../api-docs';
import { SessionStartedDto } from '../dto/project-responses.dto';
import { SessionsService } from './sessions.service';

@ApiTags('projects')
@ApiProjectRoute()
@Controller('projects/:project_id')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Post('sessions')
  @ApiOperation({
    summary: 'Open a new clarification session for the project; it becomes the current one',
    description:
      'For a client whose session expired (unused for SESSION_TTL_HOURS) before it sent its ' +
      "clarification answers: the new session carries the previous one's questions. Iterate " +
      'needs no new session: it renews or opens one by itself.',
  })
  @ApiCreatedResponse({ type: SessionStartedDto })
  @ApiProjectMustBeActive()
  async start(
    @CurrentUser() user: AuthenticatedUser,
    @Param('project_id') projectId: string,
  ): Promise<SessionStartedDto> {
    const session = await this.sessions.startAnother(user.id, projectId);
    return {
      session_id: session.sessionId,
      session_expires_at: session.expiresAt.toISOString(),
      clarification_questions: session.questions.map(copyQuestion),
    };
  }
}
