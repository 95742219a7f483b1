import { MessageDto } from '../dto/message-responses.dto';
import { Message, MessageAttachment } from './message.schema';

/** A message as the API shows it; signed download links for its attachments. */
export async function messageView(
  message: Message,
  downloadUrl: (attachment: MessageAttachment) => Promise<string>,
): Promise<MessageDto> {
  const assistant = message.message_type === 'assistant';
  return {
    id: message._id.toHexString(),
    message_type: message.message_type,
    content: message.content,
    timestamp: message.timestamp.toISOString(),
    seq: message.seq,
    status: message.status,
    attachments: await Promise.all(
      message.attachments.map(async (attachment) => ({
        file_id: attachment.file_id.toHexString(),
        filename: attachment.filename,
        size: attachment.size,
        content_type: attachment.content_type,
        download_url: await downloadUrl(attachment),
      })),
    ),
    ...(message.metadata ? { metadata: { ...message.metadata } } : {}),
    ...(assistant
      ? { suggested_actions: message.suggested_actions.map((action) => ({ ...action })) }
      : {}),
    ...(message.reply_to ? { reply_to: message.reply_to.toHexString() } : {}),
    ...(message.error ? { error: { ...message.error } } : {}),
  };
}
