import { Body, Controller, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { AuthenticatedUser } from '@/auth/tokens/authenticated-user';
import { ApiAuthRequired, ApiValidationFailed } from '@/common/decorators/api-errors.decorator';
import { CurrentUser } from '@/auth/decorators/current-user.decorator';
import { RateLimit } from '@/common/throttling/rate-limit.decorator';
import { MarkdownEditDto, MarkdownEditResultDto } from './dto/markdown-edit.dto';
import { MarkdownEditWorkflow } from './markdown-edit.workflow';

@ApiTags('agents')
@ApiBearerAuth()
@ApiAuthRequired()
@Controller('ai')
export class MarkdownEditController {
  constructor(private readonly markdownEdit: MarkdownEditWorkflow) {}

  @Post('markdown-edit')
  @HttpCode(HttpStatus.OK)
  @RateLimit('ai')
  @ApiOperation({
    summary: 'Edit a markdown file from the chat history, the file being edited and the original',
    description:
      'The last user turn (or `instruction`) is the request; the original lets it ' +
      'restore parts. Answers the edited markdown and a unified diff from the current file.',
  })
  @ApiOkResponse({ type: MarkdownEditResultDto })
  @ApiValidationFailed('Validation failed: chat_history must contain at least 1 elements')
  edit(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: MarkdownEditDto,
  ): Promise<MarkdownEditResultDto> {
    return this.markdownEdit.edit(user.id, dto);
  }
}
