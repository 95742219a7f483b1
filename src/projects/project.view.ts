import { ProjectDetailDto, ProjectSummaryDto } from './dto/project-responses.dto';
import { lensStatusOf } from './project-lens-status';
import { Project } from './project.schema';
import { CurrentContent } from './versions/versions.service';
import type { HistoryEntry } from './versions/versions.repository';
import { usageFields } from './versions/version.view';
import type { LiveSession } from './sessions/sessions.service';

/**
 * The API contract's project row: the document store's shape never leaks past this function.
 * `session` is the project's current clarification session (null when none is live).
 */
export function projectSummary(project: Project, session: LiveSession | null): ProjectSummaryDto {
  return {
    id: project._id.toHexString(),
    project_name: project.project_name,
    initial_idea: project.initial_idea,
    status: project.status,
    current_version: project.current_version,
    created_at: project.created_at.toISOString(),
    updated_at: project.updated_at.toISOString(),
    thinking_lens_status: lensStatusOf(project),
    source_chat_id: project.source_chat_id?.toHexString() ?? null,
    created_from_chat: project.created_from_chat,
    session_id: session?.sessionId ?? null,
    session_expires_at: session?.expiresAt.toISOString() ?? null,
    ...usageFields(project.current_version_usage),
  };
}

export function projectDetail(
  project: Project,
  session: LiveSession | null,
  content: CurrentContent,
  history: readonly HistoryEntry[],
): ProjectDetailDto {
  return {
    ...projectSummary(project, session),
    prd_content: content.prd,
    flowchart_content: content.flowchart,
    version_history: history.map((version) => ({
      version: version.version,
      timestamp: version.timestamp.toISOString(),
      changes: version.changes,
      ...usageFields(version.usage),
    })),
  };
}
