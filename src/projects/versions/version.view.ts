import type { ModelUsage } from '@/domain/agent-run';
import { SavedVersionDto, VersionDto } from './version.dto';
import { VersionReviewDto } from './version-review.dto';
import { SavedVersion, StoredReview, VersionWithUrls } from './versions.service';

export function versionEntry({ version, prdUrl, flowchartUrl }: VersionWithUrls): VersionDto {
  return {
    version: version.version,
    timestamp: version.timestamp.toISOString(),
    changes: version.changes,
    ...usageFields(version.usage),
    prd_url: prdUrl,
    flowchart_url: flowchartUrl,
    author: { kind: version.author.kind, id: version.author.id },
  };
}

export function savedVersion(saved: SavedVersion): SavedVersionDto {
  return {
    version: saved.version,
    timestamp: saved.timestamp.toISOString(),
    changes: saved.changes,
    ...usageFields(saved.usage),
    author: { kind: saved.author.kind, id: saved.author.id },
    current_version: saved.currentVersion,
  };
}

export function reviewView({ version, review }: StoredReview): VersionReviewDto {
  return {
    version,
    score: review.score,
    checklist: review.checklist.map((item) => ({ ...item })),
    findings: review.findings.map((finding) => ({ ...finding })),
    critique: review.critique
      ? {
          ...review.critique,
          findings: review.critique.findings.map((finding) => ({ ...finding })),
        }
      : null,
    critique_status: review.critique_status,
    critique_error: review.critique_error,
    reviewed_at: review.reviewed_at,
  };
}

/** A version's (or a project's current version's) usage: nulls for a person's save. */
export function usageFields(usage: ModelUsage | null | undefined): {
  model_used: string | null;
  tokens_used: number | null;
  cost_usd: number | null;
} {
  return {
    model_used: usage?.model_used ?? null,
    tokens_used: usage?.tokens_used ?? null,
    cost_usd: usage?.cost_usd ?? null,
  };
}
