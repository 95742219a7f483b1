import type { LlmMessage } from '@/llm/llm.types';

const OPEN = '<data>';
const CLOSE = '</data>';

/**
 * Every agent prompt is instructions plus one JSON block of inputs. Real models read the JSON as
 * context; the offline drafters parse the same block, so they draft from exactly what a model
 * would have seen (the idea, the answers, the uploads) and never from hidden state.
 */
export function agentMessages(
  instructions: string,
  task: string,
  data: Readonly<Record<string, unknown>>,
): LlmMessage[] {
  return [
    { role: 'system', content: instructions },
    { role: 'user', content: `${task}\n\n${OPEN}\n${JSON.stringify(data, null, 1)}\n${CLOSE}` },
  ];
}

/** The JSON block of the last user message; {} when there is none or it does not parse. */
export function readAgentData(messages: readonly LlmMessage[]): Record<string, unknown> {
  for (let i = messages.length - 1; i >= 0; i--) {
    const { role, content } = messages[i];
    if (role !== 'user') continue;
    const start = content.lastIndexOf(OPEN);
    const end = content.lastIndexOf(CLOSE);
    if (start === -1 || end < start) return {};
    try {
      const parsed: unknown = JSON.parse(content.slice(start + OPEN.length, end));
      return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : {};
    } catch {
      return {};
    }
  }
  return {};
}

export function stringField(data: Record<string, unknown>, key: string): string {
  const value = data[key];
  return typeof value === 'string' ? value : '';
}

export function arrayField<T>(data: Record<string, unknown>, key: string): T[] {
  const value = data[key];
  return Array.isArray(value) ? (value as T[]) : [];
}
