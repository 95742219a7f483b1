import type { DraftInput } from '@/llm/offline/offline-drafter';
import { arrayField, readAgentData, stringField } from '../prompts/agent-prompt';
import { capitalise } from './prd-material';

export const MARKDOWN_EDIT_PURPOSE = 'markdown.edit';

interface ChatTurn {
  readonly role: string;
  readonly content: string;
}

/**
 * Edits the markdown for the latest request in the chat, deterministically: rename/replace,
 * remove a section or lines, restore a section (or everything) from the original, add a
 * section (filled from what the chat said about it) or a point in the section it fits best.
 * Anything else is recorded under "Notes" so the request is never silently dropped.
 */
export function markdownEditDrafter({ messages }: DraftInput): string {
  const data = readAgentData(messages);
  const current = stringField(data, 'current_markdown');
  const original = stringField(data, 'original_markdown');
  const chat = arrayField<ChatTurn>(data, 'chat_history');
  const request = (stringField(data, 'instruction') || lastUserTurn(chat))
    .trim()
    .replace(/[.!]+$/, '');
  return applyRequest(request, current, original, chat);
}

function applyRequest(
  request: string,
  current: string,
  original: string,
  chat: ChatTurn[],
): string {
  let match =
    /^(?:please\s+)?(?:rename|replace|change)\s+"?(.+?)"?\s+(?:to|with|into)\s+"?(.+?)"?$/i.exec(
      request,
    );
  if (match) return replaceAll(current, match[1], match[2]);

  match =
    /^(?:please\s+)?(?:restore|revert|undo)(?:\s+(?:the\s+)?(.+?)(?:\s+section)?)?(?:\s+to the original)?$/i.exec(
      request,
    );
  if (match) {
    if (!match[1] || /^(all|everything|changes|it|the changes)$/i.test(match[1])) return original;
    const section = findSection(original, match[1]);
    return section ? replaceSection(current, section) : current;
  }

  match =
    /^(?:please\s+)?(?:remove|delete|drop)\s+(?:the\s+)?(?:section\s+)?"?(.+?)"?(?:\s+section)?$/i.exec(
      request,
    );
  if (match) {
    const section = findSection(current, match[1]);
    if (section) return tidy(current.replace(section.text, ''));
    const needle = match[1].toLowerCase();
    return tidy(
      current
        .split('\n')
        .filter((line) => !line.toLowerCase().includes(needle))
        .join('\n'),
    );
  }

  match =
    /^(?:please\s+)?add\s+(?:a\s+|an\s+)?(?:new\s+)?section\s+(?:called\s+|named\s+|on\s+|about\s+|for\s+)?"?(.+?)"?$/i.exec(
      request,
    );
  if (match) {
    const title = capitalise(match[1]);
    const said = chat
      .filter(
        (turn) =>
          turn.content.toLowerCase().includes(match![1].toLowerCase()) &&
          turn.content.trim() !== request,
      )
      .map((turn) => `- ${turn.content.trim()}`);
    const body = said.length > 0 ? said.join('\n') : `- ${title}: to be written.`;
    return `${current.trimEnd()}\n\n## ${title}\n\n${body}\n`;
  }

  match = /^(?:please\s+)?(?:add|include|mention)\s+(.+)$/i.exec(request);
  const point = `- ${capitalise(match ? match[1] : request)}`;
  const target = bestSection(current, match ? match[1] : request);
  if (target) return tidy(current.replace(target.text, `${target.text.trimEnd()}\n${point}\n\n`));
  return `${current.trimEnd()}\n\n## Notes\n\n${point}\n`;
}

interface Section {
  readonly heading: string;
  readonly text: string;
}

/** Each heading with everything up to the next heading of the same or a higher level. */
function sections(markdown: string): Section[] {
  const lines = markdown.split('\n');
  const found: Section[] = [];
  lines.forEach((line, index) => {
    const heading = /^(#{1,6})\s+(.+)$/.exec(line);
    if (!heading) return;
    const level = heading[1].length;
    let end = index + 1;
    while (end < lines.length) {
      const next = /^(#{1,6})\s/.exec(lines[end]);
      if (next && next[1].length <= level) break;
      end++;
    }
    found.push({ heading: heading[2].trim(), text: lines.slice(index, end).join('\n') });
  });
  return found;
}

function findSection(markdown: string, name: string): Section | undefined {
  const wanted = name.toLowerCase().replace(/^the\s+/, '');
  return sections(markdown).find((section) => section.heading.toLowerCase().includes(wanted));
}

function replaceSection(markdown: string, from: Section): string {
  const existing = findSection(markdown, from.heading);
  return existing
    ? markdown.replace(existing.text, from.text)
    : `${markdown.trimEnd()}\n\n${from.text.trim()}\n`;
}

function bestSection(markdown: string, text: string): Section | undefined {
  const words = text.toLowerCase().match(/\p{L}{4,}/gu) ?? [];
  let best: { section: Section; score: number } | undefined;
  for (const section of sections(markdown)) {
    const heading = section.heading.toLowerCase();
    const score = words.filter((word) => heading.includes(word)).length;
    if (score > 0 && (!best || score > best.score)) best = { section, score };
  }
  return best?.section;
}

function replaceAll(markdown: string, from: string, to: string): string {
  if (markdown.includes(from)) return markdown.split(from).join(to);
  const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return markdown.replace(new RegExp(escaped, 'gi'), to);
}

function tidy(markdown: string): string {
  return `${markdown.replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

function lastUserTurn(chat: readonly ChatTurn[]): string {
  for (let i = chat.length - 1; i >= 0; i--) if (chat[i].role === 'user') return chat[i].content;
  return '';
}
