import { Injectable } from '@nestjs/common';
import { MarkdownEditService } from '@/agents/markdown-edit/markdown-edit.service';
import { AppError } from '@/common/errors';
import { MarkdownEditDto, MarkdownEditResultDto } from './dto/markdown-edit.dto';

/** POST /ai/markdown-edit: the request is `instruction`, or else the chat's last user turn. */
@Injectable()
export class MarkdownEditWorkflow {
  constructor(private readonly markdownEdit: MarkdownEditService) {}

  async edit(userId: string, dto: MarkdownEditDto): Promise<MarkdownEditResultDto> {
    const instruction =
      dto.instruction ?? dto.chat_history.filter((turn) => turn.role === 'user').at(-1)?.content;
    if (!instruction) {
      throw AppError.validation([
        { field: 'chat_history', message: 'chat_history needs a user turn (or send instruction)' },
      ]);
    }
    const edit = await this.markdownEdit.edit(userId, {
      chatHistory: dto.chat_history.map(({ role, content }) => ({ role, content })),
      instruction,
      current: dto.current_markdown,
      original: dto.original_markdown,
    });
    return {
      edited_markdown: edit.edited,
      diff: edit.diff,
      too_different: edit.tooDifferent,
      changed: edit.changed,
      model_used: edit.modelUsed,
    };
  }
}
