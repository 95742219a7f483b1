import type { StructuredSpec } from '@/llm/structured/structured-output';
import { DRAFTED_SECTIONS } from '../prd/prd-sections';

export interface RouteAnswer {
  readonly sections: readonly string[];
  readonly changes: string;
}

/** Which drafted sections a change request touches (1-3), and the one-line `changes`. */
export const ROUTE_SPEC: StructuredSpec<RouteAnswer> = {
  schema: {
    name: 'change_route',
    description: 'The PRD sections a change request touches, and a one-line summary of it',
    schema: {
      type: 'object',
      properties: {
        sections: {
          type: 'array',
          minItems: 1,
          maxItems: 3,
          items: { type: 'string', enum: DRAFTED_SECTIONS.map((section) => section.id) },
        },
        changes: { type: 'string', minLength: 3, maxLength: 200 },
      },
      required: ['sections', 'changes'],
      additionalProperties: false,
    },
  },
};
