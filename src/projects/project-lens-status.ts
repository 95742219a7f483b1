import type { ThinkingLensStatus } from '@/domain/thinking-lenses';
import type { Project } from './project.schema';

/**
 * The project's stored status as a plain object: the stored one is a subdocument (it must not
 * leak into responses, and graph state is checkpointed as JSON).
 */
export function lensStatusOf(project: Pick<Project, 'metadata'>): ThinkingLensStatus {
  const { discovery, user_journey, metrics, gtm, risks } = project.metadata.thinking_lens_status;
  return { discovery, user_journey, metrics, gtm, risks };
}
