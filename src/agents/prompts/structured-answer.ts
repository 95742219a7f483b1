import type { LlmMessage } from '@/llm/llm.types';
import { completeStructured, StructuredSpec } from '@/llm/structured/structured-output';
import type { AgentLlm } from '../runs/agent-llm';

/**
 * A node's structured answer: asked with its schema (enforced by the providers that can),
 * validated, repaired once, or AI_OUTPUT_INVALID. Both calls count in the node's tally.
 */
export function structuredAnswer<T>(
  llm: AgentLlm,
  purpose: string,
  messages: readonly LlmMessage[],
  spec: StructuredSpec<T>,
): Promise<T> {
  return completeStructured(
    (asked) => llm.complete(purpose, asked, { json: true, schema: spec.schema }),
    messages,
    spec,
  );
}
