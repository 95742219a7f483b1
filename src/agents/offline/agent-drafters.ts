import { Injectable, OnModuleInit } from '@nestjs/common';
import type { OfflineDrafter } from '@/llm/offline/offline-drafter';
import { OfflineDrafters } from '@/llm/offline/offline-drafters';
import {
  CHAT_DISTIL_PURPOSE,
  CHAT_REFLECTIONS_PURPOSE,
  CHAT_REPLY_PURPOSE,
  CHAT_TITLE_PURPOSE,
  chatDistilDrafter,
  chatReflectionsDrafter,
  chatReplyDrafter,
  chatTitleDrafter,
} from './chat.drafter';
import {
  CLARIFY_ASSESS_PURPOSE,
  CLARIFY_QUESTIONS_PURPOSE,
  clarifyAssessDrafter,
  clarifyQuestionsDrafter,
} from './clarify.drafter';
import { FLOWCHART_PURPOSE, flowchartDrafter } from './flowchart.drafter';
import {
  ITERATE_ROUTE_PURPOSE,
  ITERATE_SECTION_PURPOSE,
  ITERATE_THINK_PURPOSE,
  iterateRouteDrafter,
  iterateSectionDrafter,
  iterateThinkDrafter,
} from './iterate.drafter';
import { MARKDOWN_EDIT_PURPOSE, markdownEditDrafter } from './markdown-edit.drafter';
import { PRD_SECTION_PURPOSE, prdSectionDrafter } from './prd-section.drafter';
import { CRITIQUE_PURPOSE } from '../review/prd-critique';

/**
 * Offline, there is no critique to give: an empty one, which critiquePrd recognises by its
 * provider and turns into "no critique" (the checklist stands alone).
 */
const critiqueDrafter = (): string =>
  JSON.stringify({ summary: 'No model is configured.', findings: [] });

/** Every offline drafter the agent graphs need, by purpose ("flowchart" covers its repair). */
export const AGENT_DRAFTERS: Readonly<Record<string, OfflineDrafter>> = {
  [CHAT_REPLY_PURPOSE]: chatReplyDrafter,
  [CHAT_REFLECTIONS_PURPOSE]: chatReflectionsDrafter,
  [CHAT_TITLE_PURPOSE]: chatTitleDrafter,
  [CHAT_DISTIL_PURPOSE]: chatDistilDrafter,
  [CLARIFY_ASSESS_PURPOSE]: clarifyAssessDrafter,
  [CLARIFY_QUESTIONS_PURPOSE]: clarifyQuestionsDrafter,
  [PRD_SECTION_PURPOSE]: prdSectionDrafter,
  [FLOWCHART_PURPOSE]: flowchartDrafter,
  [ITERATE_ROUTE_PURPOSE]: iterateRouteDrafter,
  [ITERATE_SECTION_PURPOSE]: iterateSectionDrafter,
  [ITERATE_THINK_PURPOSE]: iterateThinkDrafter,
  [MARKDOWN_EDIT_PURPOSE]: markdownEditDrafter,
  [CRITIQUE_PURPOSE]: critiqueDrafter,
};

/** Registers the agents' drafters with the LLM module's offline provider at start-up. */
@Injectable()
export class AgentDraftersRegistration implements OnModuleInit {
  constructor(private readonly drafters: OfflineDrafters) {}

  onModuleInit(): void {
    for (const [purpose, drafter] of Object.entries(AGENT_DRAFTERS)) {
      this.drafters.register(purpose, drafter);
    }
  }
}
