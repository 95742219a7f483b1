import type { ClarificationAnswer } from '@/domain/clarification';
import type { ModelUsage } from '@/domain/agent-run';
import type { ThinkingLensStatus } from '@/domain/thinking-lenses';
import type { VersionReview } from '@/domain/version-review';
import { VersionAuthor } from './project-version.schema';

/** metadata.json, next to a version's prd.md and flowchart.mmd. Written once, with the version. */
export interface VersionMetadata {
  readonly project_id: string;
  readonly version: string;
  readonly timestamp: string;
  readonly changes: string;
  readonly author: VersionAuthor;
  readonly prd_sha256: string;
  readonly thinking_lens_status: ThinkingLensStatus;
  /**
   * The clarification answers the document was written from: a generation's own, carried
   * forward by every version made from it (an iteration, a manual edit), so each is reviewed
   * against what the user said. Absent on versions saved before reviews existed.
   */
  readonly clarification_answers?: readonly ClarificationAnswer[];
  /** The version's review; absent on versions saved before reviews existed. */
  readonly review?: VersionReview;
  /** What the agent task's model calls used; null for a person's save, absent on older ones. */
  readonly usage?: ModelUsage | null;
}

/** What a stored metadata.json says, as far as it says it (older versions have fewer fields). */
export function readMetadata(raw: Buffer): Partial<VersionMetadata> {
  const parsed: unknown = JSON.parse(raw.toString('utf8'));
  const isObject = parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed);
  return isObject ? parsed : {};
}
