import { ProjectDetailDto, ProjectSummaryDto } from './dto/project-responses.dto';
import { Project } from './project.schema';
import { CurrentContent } from './versions/versions.service';
import { ProjectVersion } from './versions/project-version.schema';

/** Seed 000's project row: the document store's shape never leaks past this function. */
export function projectSummary(project: Project): ProjectSummaryDto {
  const { discovery, user_journey, metrics, gtm, risks } = project.metadata.thinking_lens_status;
  return {
    id: project._id.toHexString(),
    project_name: project.project_name,
    initial_idea: project.initial_idea,
    status: project.status,
    current_version: project.current_version,
    created_at: project.created_at.toISOString(),
    updated_at: project.updated_at.toISOString(),
    thinking_lens_status: { discovery, user_journey, metrics, gtm, risks },
    source_chat_id: project.source_chat_id?.toHexString() ?? null,
    created_from_chat: project.created_from_chat,
  };
}

export function projectDetail(
  project: Project,
  content: CurrentContent,
  history: readonly ProjectVersion[],
): ProjectDetailDto {
  return {
    ...projectSummary(project),
    prd_content: content.prd,
    flowchart_content: content.flowchart,
    version_history: history.map((version) => ({
      version: version.version,
      timestamp: version.timestamp.toISOString(),
      changes: version.changes,
    })),
  };
}
