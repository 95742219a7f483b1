import { Chat, ChatReflectionNote, ChatSummaryNote } from './chat.schema';
import {
  ChatDetailDto,
  ChatReflectionNoteDto,
  ChatSummaryDto,
  ChatSummaryNoteDto,
} from './dto/chat-responses.dto';

/** The contract's chat row: the document store's shape never leaks past these functions. */
export function chatSummary(chat: Chat): ChatSummaryDto {
  return {
    id: chat._id.toHexString(),
    chat_name: chat.chat_name,
    name_source: chat.name_source,
    status: chat.status,
    created_at: chat.created_at.toISOString(),
    updated_at: chat.updated_at.toISOString(),
    last_message_at: chat.last_message_at?.toISOString() ?? null,
    message_count: chat.metadata.message_count,
    has_project: chat.metadata.has_project,
    project_id: chat.metadata.project_id?.toHexString() ?? null,
  };
}

export function chatDetail(chat: Chat): ChatDetailDto {
  return {
    ...chatSummary(chat),
    summaries: [...chat.summaries].reverse().map(summaryNote),
    reflections: [...chat.reflections].reverse().map(reflectionNote),
  };
}

export function summaryNote(note: ChatSummaryNote): ChatSummaryNoteDto {
  return {
    id: note._id.toHexString(),
    summary: note.summary,
    model_used: note.model_used,
    message_count: note.message_count,
    created_at: note.created_at.toISOString(),
  };
}

export function reflectionNote(note: ChatReflectionNote): ChatReflectionNoteDto {
  return {
    id: note._id.toHexString(),
    reflections: note.reflections,
    model_used: note.model_used,
    message_count: note.message_count,
    created_at: note.created_at.toISOString(),
  };
}
