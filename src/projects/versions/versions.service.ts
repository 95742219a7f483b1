import { Injectable, Logger } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { crashPoint } from '@/common/crash-point';
import { AppError } from '@/common/errors';
import { AppConfig } from '@/config/app-config';
import { checkFlowchart } from '@/domain/flowchart/flowchart-parser';
import type { ClarificationAnswer } from '@/domain/clarification';
import { RealtimeService } from '@/realtime/realtime.service';
import type { ModelUsage } from '@/domain/agent-run';
import type { ThinkingLensStatus } from '@/domain/thinking-lenses';
import type { VersionReview } from '@/domain/version-review';
import { Storage } from '@/storage/storage';
import { WebhookEventsService } from '@/webhooks/webhook-events.service';
import type { VersionSource } from '@/webhooks/webhook-events';
import { notActive, ProjectAccess } from '../project-access';
import { Project } from '../project.schema';
import { ProjectKeys } from '../project-keys';
import { lensStatusOf } from '../project-lens-status';
import { ProjectLock } from '../project-lock';
import { ProjectsRepository } from '../projects.repository';
import { CurrentCopy } from './current-copy';
import { prdDiff, PrdDiff } from './prd-diff';
import { ProjectVersion, VersionAuthor } from './project-version.schema';
import { labelFor, seqOf, VERSION_LABEL } from './version-label';
import { readMetadata, VersionMetadata } from './version-metadata';
import { HistoryEntry, VersionsRepository } from './versions.repository';

export interface SaveVersionInput {
  readonly prdContent: string;
  readonly flowchartContent: string;
  /** One line for the history, e.g. "Added metrics section". */
  readonly changes: string;
  readonly author: VersionAuthor;
  /** Defaults to the current version's status (a manual edit covers what it covered). */
  readonly thinkingLensStatus?: ThinkingLensStatus;
  /**
   * The agent task saving it: a task saves one version however often it is run, so a task
   * resumed after its worker died gets the version it already saved back. Its room event names
   * it; none for a person's save.
   */
  readonly taskId?: string;
  /**
   * The clarification answers the document was written from (a generation's own, or those of
   * the version it was made from, see `basis`); kept in metadata.json for later reviews.
   */
  readonly answers: readonly ClarificationAnswer[];
  /** The document's review, made by the caller before the save; kept in metadata.json. */
  readonly review: VersionReview;
  /** What that task's model calls used; none for a person's save. */
  readonly usage?: ModelUsage;
}

/** What the current version was written from and how it was reviewed, for the next version. */
export interface VersionBasis {
  /** The current version's label; null before the first version. */
  readonly version: string | null;
  readonly answers: readonly ClarificationAnswer[];
  /** Null for a version saved before reviews existed. */
  readonly review: VersionReview | null;
}

export interface StoredReview {
  readonly version: string;
  readonly review: VersionReview;
}

export interface SavedVersion {
  readonly version: string;
  readonly timestamp: Date;
  readonly changes: string;
  readonly author: VersionAuthor;
  /** This version, unless a newer save finished first (this one is still in the history). */
  readonly currentVersion: string;
  readonly usage: ModelUsage | null;
}

export interface VersionWithUrls {
  readonly version: ProjectVersion;
  readonly prdUrl: string;
  readonly flowchartUrl: string;
}

export interface VersionPage {
  /** Newest first. */
  readonly versions: VersionWithUrls[];
  /** The label to pass as `cursor` for the next (older) page; null on the last page. */
  readonly nextCursor: string | null;
}

/** A version an agent task saved, with what it holds (the task's result is built from it). */
export interface TaskVersion {
  readonly saved: SavedVersion;
  readonly prd: string;
  readonly flowchart: string;
  readonly lensStatus: ThinkingLensStatus;
}

export interface CurrentContent {
  readonly prd: string | null;
  readonly flowchart: string | null;
}

const MAX_CLAIM_ATTEMPTS = 20;
/** The label that names whichever version is current. */
export const CURRENT = 'current';

/**
 * Versions are immutable. A save, under the project's lock: claim the next number (the record,
 * incomplete), write the objects, mark the record complete, move the project's pointer, refresh
 * current/. A failure before the pointer moves leaves nothing visible, let alone current; the
 * number it took is not used again.
 */
@Injectable()
export class VersionsService {
  private readonly logger = new Logger(VersionsService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly storage: Storage,
    private readonly access: ProjectAccess,
    private readonly projects: ProjectsRepository,
    private readonly versions: VersionsRepository,
    private readonly currentCopy: CurrentCopy,
    private readonly lock: ProjectLock,
    private readonly webhookEvents: WebhookEventsService,
    private readonly realtime: RealtimeService,
  ) {}

  async save(userId: string, projectId: string, input: SaveVersionInput): Promise<SavedVersion> {
    assertValidFlowchart(input.flowchartContent);
    const project = await this.access.active(userId, projectId);
    const saved = await this.lock.run(project, () => this.saveLocked(userId, projectId, input));
    await this.announce(userId, projectId, saved, input.taskId ?? null);
    return saved;
  }

  /**
   * The version an agent task already saved, or null. A save its worker died in the middle of is
   * finished first (the project's pointer moved to it if it was not, current/ refreshed), so a
   * task found here is durably done; its event goes out again (webhooks are at least once).
   */
  async savedByTask(
    userId: string,
    projectId: string,
    taskId: string,
  ): Promise<TaskVersion | null> {
    const project = await this.access.active(userId, projectId);
    const found = await this.lock.run(project, async () => {
      const earlier = await this.versions.findByTask(userId, projectId, taskId);
      if (!earlier?.complete) return null;
      return { earlier, saved: await this.finishEarlierSave(userId, projectId, earlier) };
    });
    if (!found) return null;
    await this.announce(userId, projectId, found.saved, taskId);
    const [prd, flowchart] = await Promise.all([
      this.storage.get(found.earlier.prd_key),
      this.storage.get(found.earlier.flowchart_key),
    ]);
    return {
      saved: found.saved,
      prd: prd.toString('utf8'),
      flowchart: flowchart.toString('utf8'),
      lensStatus: found.earlier.thinking_lens_status,
    };
  }

  /** Other tabs reload: the room hears it (with the task that wrote it), webhooks too. */
  private async announce(
    userId: string,
    projectId: string,
    saved: SavedVersion,
    taskId: string | null,
  ): Promise<void> {
    const source = sourceOf(saved.author);
    this.realtime.projectVersionCreated(projectId, {
      task_id: taskId,
      version: saved.version,
      current_version: saved.currentVersion,
      source,
      changes: saved.changes,
      timestamp: saved.timestamp.toISOString(),
      author: { kind: saved.author.kind, id: saved.author.id },
    });
    await this.webhookEvents.publish(userId, 'version.created', {
      project_id: projectId,
      version: saved.version,
      current_version: saved.currentVersion,
      source,
    });
  }

  private async saveLocked(
    userId: string,
    projectId: string,
    input: SaveVersionInput,
  ): Promise<SavedVersion> {
    const project = await this.access.active(userId, projectId);
    if (input.taskId !== undefined) {
      const earlier = await this.versions.findByTask(userId, projectId, input.taskId);
      if (earlier?.complete) return this.finishEarlierSave(userId, projectId, earlier);
      // A claim whose save died before its objects were all written: give it up, save afresh.
      if (earlier) await this.abandonClaim(earlier);
    }
    const lensStatus = input.thinkingLensStatus ?? lensStatusOf(project);
    await this.assertRoomForOneMore(userId, projectId);
    const claimed = await this.claimNextNumber(userId, projectId, input, lensStatus);
    const { version: label, timestamp } = claimed;
    const metadata: VersionMetadata = {
      project_id: projectId,
      version: label,
      timestamp: timestamp.toISOString(),
      changes: input.changes,
      author: input.author,
      prd_sha256: claimed.prd_sha256,
      thinking_lens_status: lensStatus,
      clarification_answers: input.answers,
      review: input.review,
      usage: input.usage ?? null,
    };
    try {
      await Promise.all([
        this.storage.put(claimed.prd_key, input.prdContent, 'text/markdown; charset=utf-8'),
        this.storage.put(
          claimed.flowchart_key,
          input.flowchartContent,
          'text/plain; charset=utf-8',
        ),
        this.storage.put(
          claimed.metadata_key,
          JSON.stringify(metadata, null, 2),
          'application/json',
        ),
      ]);
      await this.versions.markComplete(claimed);
    } catch (error) {
      await this.abandonClaim(claimed);
      throw error;
    }
    crashPoint('save:after-version');
    const { becameCurrent } = await this.projects.recordSavedVersion(
      userId,
      projectId,
      { seq: claimed.seq, label, lensStatus, usage: input.usage ?? null },
      input.author.kind === 'agent',
    );
    crashPoint('save:before-current');
    if (becameCurrent) await this.currentCopy.refresh(userId, projectId);
    const currentVersion = becameCurrent
      ? label
      : ((await this.projects.findOwned(userId, projectId))?.current_version ?? label);
    return {
      version: label,
      timestamp,
      changes: input.changes,
      author: input.author,
      currentVersion,
      usage: input.usage ?? null,
    };
  }

  /**
   * The counter's `$inc` hands out the number; inserting the (incomplete) record claims it. If
   * the number is taken anyway (a store whose `$inc` is not atomic, or a lock that expired), the
   * next one is tried, so neither save is lost and no label is given twice.
   */
  private async claimNextNumber(
    userId: string,
    projectId: string,
    input: SaveVersionInput,
    lensStatus: ThinkingLensStatus,
  ): Promise<ProjectVersion> {
    const projectKeys = new ProjectKeys(this.config.env, userId, projectId);
    const prdSha256 = createHash('sha256').update(input.prdContent).digest('hex');
    let tried = -1;
    for (let attempt = 0; attempt < MAX_CLAIM_ATTEMPTS; attempt += 1) {
      const allocated = await this.projects.allocateVersionSeq(userId, projectId);
      if (allocated === null) throw notActive(await this.access.owned(userId, projectId));
      const seq = Math.max(allocated, tried + 1);
      tried = seq;
      const label = labelFor(seq);
      const timestamp = new Date();
      const folder = projectKeys.versionFolder(timestamp, label);
      const result = await this.versions.claim({
        userId,
        projectId,
        seq,
        label,
        timestamp,
        changes: input.changes,
        author: input.author,
        keys: {
          prd: `${folder}prd.md`,
          flowchart: `${folder}flowchart.mmd`,
          metadata: `${folder}metadata.json`,
        },
        prdSha256,
        lensStatus,
        usage: input.usage ?? null,
        taskId: input.taskId ?? null,
      });
      if ('claimed' in result) return result.claimed;
    }
    throw new AppError('CONFLICT', 'Could not allocate a version number; try again');
  }

  /**
   * The rest of a save whose worker died after its version was complete: the project's pointer
   * (unless it already points there or past it) and the current/ copy.
   */
  private async finishEarlierSave(
    userId: string,
    projectId: string,
    earlier: ProjectVersion,
  ): Promise<SavedVersion> {
    const project = await this.access.active(userId, projectId);
    if ((project.current_version_seq ?? -1) < earlier.seq) {
      await this.projects.recordSavedVersion(
        userId,
        projectId,
        {
          seq: earlier.seq,
          label: earlier.version,
          lensStatus: earlier.thinking_lens_status,
          usage: earlier.usage ?? null,
        },
        earlier.author.kind === 'agent',
      );
    }
    await this.currentCopy.refresh(userId, projectId);
    const after = await this.projects.findOwned(userId, projectId);
    return {
      version: earlier.version,
      timestamp: earlier.timestamp,
      changes: earlier.changes,
      author: earlier.author,
      currentVersion: after?.current_version ?? earlier.version,
      usage: earlier.usage ?? null,
    };
  }

  private async abandonClaim(claimed: ProjectVersion): Promise<void> {
    await this.deleteQuietly([claimed.prd_key, claimed.flowchart_key, claimed.metadata_key]);
    await this.versions.removeClaim(claimed).catch(() => undefined);
  }

  /** Counted under the project's lock, so two saves cannot both take the last place. */
  private async assertRoomForOneMore(userId: string, projectId: string): Promise<void> {
    const max = this.config.versions.maxPerProject;
    if ((await this.versions.countComplete(userId, projectId)) < max) return;
    throw new AppError(
      'QUOTA_EXCEEDED',
      `The project already holds ${max} versions, the most it may keep; start a new project to continue`,
      { limit: max },
    );
  }

  /**
   * Newest first, a page at a time, each with download URLs for its PRD and flowchart. `cursor`
   * is the last label of the page before (versions older than it follow).
   */
  async list(
    userId: string,
    projectId: string,
    page: { readonly limit: number; readonly cursor?: string },
  ): Promise<VersionPage> {
    await this.access.owned(userId, projectId);
    const beforeSeq = page.cursor === undefined ? null : seqOf(page.cursor);
    // One more than asked: whether it exists says if there is a next page.
    const found = await this.versions.page(userId, projectId, {
      limit: page.limit + 1,
      beforeSeq,
    });
    const versions = found.slice(0, page.limit);
    const hasMore = found.length > page.limit;
    return {
      versions: await this.withUrls(versions),
      nextCursor: hasMore ? (versions.at(-1)?.version ?? null) : null,
    };
  }

  private withUrls(versions: readonly ProjectVersion[]): Promise<VersionWithUrls[]> {
    const ttlSeconds = this.config.storage.downloadUrlTtlSeconds;
    return Promise.all(
      versions.map(async (version) => ({
        version,
        prdUrl: await this.storage.downloadUrl(version.prd_key, {
          ttlSeconds,
          filename: `${version.version}-prd.md`,
        }),
        flowchartUrl: await this.storage.downloadUrl(version.flowchart_key, {
          ttlSeconds,
          filename: `${version.version}-flowchart.mmd`,
        }),
      })),
    );
  }

  /** For GET /projects/{id}: the history (newest first) of a project already checked as owned. */
  history(userId: string, project: Project): Promise<HistoryEntry[]> {
    return this.versions.history(userId, project._id.toHexString());
  }

  /** Read through the pointer, not current/, so a reader never sees a copy in progress. */
  async currentContent(userId: string, project: Project): Promise<CurrentContent> {
    if (project.current_version_seq === null) return { prd: null, flowchart: null };
    const projectId = project._id.toHexString();
    const version = await this.versions.findBySeq(userId, projectId, project.current_version_seq);
    if (!version) return { prd: null, flowchart: null };
    const [prd, flowchart] = await Promise.all([
      this.storage.get(version.prd_key),
      this.storage.get(version.flowchart_key),
    ]);
    return { prd: prd.toString('utf8'), flowchart: flowchart.toString('utf8') };
  }

  /**
   * What a version made from the current one builds on: the answers the current version was
   * written from and its review (both from its metadata.json). Empty before the first version.
   */
  async basis(userId: string, project: Project): Promise<VersionBasis> {
    const none = { version: null, answers: [], review: null };
    if (project.current_version_seq === null) return none;
    const projectId = project._id.toHexString();
    const version = await this.versions.findBySeq(userId, projectId, project.current_version_seq);
    if (!version) return none;
    const metadata = readMetadata(await this.storage.get(version.metadata_key));
    return {
      version: version.version,
      answers: metadata.clarification_answers ?? [],
      review: metadata.review ?? null,
    };
  }

  /**
   * GET /projects/{id}/versions/{version}/review: the review kept with a version ("current" for
   * the current one). Not found for someone else's project, an unknown version, a project with
   * no version yet, and a version saved before reviews existed.
   */
  async review(userId: string, projectId: string, label: string): Promise<StoredReview> {
    const project = await this.access.owned(userId, projectId);
    const wanted = label === CURRENT ? project.current_version : label;
    if (wanted === null) throw new AppError('NOT_FOUND', 'The project has no version yet');
    const version = await this.findVersion(userId, projectId, wanted);
    const metadata = readMetadata(await this.storage.get(version.metadata_key));
    if (!metadata.review) {
      throw new AppError(
        'NOT_FOUND',
        `${version.version} was saved before versions were reviewed: it has no review`,
      );
    }
    return { version: version.version, review: metadata.review };
  }

  /**
   * Account purge: every version record of the owner, complete or claimed. Their objects sit
   * under the owner's projects prefix, which ProjectsService.purgeOwner removes whole.
   */
  purgeOwner(userId: string): Promise<number> {
    return this.versions.deleteAllForOwner(userId);
  }

  async rollback(userId: string, projectId: string, label: string): Promise<string> {
    const project = await this.access.active(userId, projectId);
    const version = await this.lock.run(project, () =>
      this.rollbackLocked(userId, projectId, label),
    );
    const current = version.version;
    this.realtime.projectVersionCreated(projectId, {
      task_id: null,
      version: current,
      current_version: current,
      source: 'rollback',
      changes: version.changes,
      timestamp: version.timestamp.toISOString(),
      author: { kind: version.author.kind, id: version.author.id },
    });
    await this.webhookEvents.publish(userId, 'version.created', {
      project_id: projectId,
      version: current,
      current_version: current,
      source: 'rollback',
    });
    return current;
  }

  private async rollbackLocked(
    userId: string,
    projectId: string,
    label: string,
  ): Promise<ProjectVersion> {
    const version = await this.findVersion(userId, projectId, label);
    const moved = await this.projects.rollBackTo(userId, projectId, {
      seq: version.seq,
      label: version.version,
      lensStatus: version.thinking_lens_status,
      usage: version.usage ?? null,
    });
    if (!moved) throw notActive(await this.access.owned(userId, projectId));
    await this.currentCopy.refresh(userId, projectId);
    return version;
  }

  async diff(userId: string, projectId: string, from: string, to: string): Promise<PrdDiff> {
    await this.access.owned(userId, projectId);
    const [a, b] = await Promise.all([
      this.findVersion(userId, projectId, from),
      this.findVersion(userId, projectId, to),
    ]);
    const [textA, textB] = await Promise.all([
      this.storage.get(a.prd_key),
      this.storage.get(b.prd_key),
    ]);
    return prdDiff(
      { label: a.version, timestamp: a.timestamp, text: textA.toString('utf8') },
      { label: b.version, timestamp: b.timestamp, text: textB.toString('utf8') },
    );
  }

  private async findVersion(
    userId: string,
    projectId: string,
    label: string,
  ): Promise<ProjectVersion> {
    // Anything that is not one of our labels is simply not found (and not echoed back).
    const wellFormed = VERSION_LABEL.test(label);
    const version = wellFormed ? await this.versions.findByLabel(userId, projectId, label) : null;
    if (!version) throw AppError.notFound(wellFormed ? `Version ${label}` : 'Version');
    return version;
  }

  private async deleteQuietly(keys: string[]): Promise<void> {
    const results = await Promise.allSettled(keys.map((key) => this.storage.delete(key)));
    if (results.some((result) => result.status === 'rejected')) {
      this.logger.warn({ keys }, 'Could not remove the objects of a failed version save');
    }
  }
}

/** generate and iterate are the agent graphs that save versions; anything a person saves is manual. */
function sourceOf(author: VersionAuthor): VersionSource {
  if (author.kind === 'user') return 'manual';
  return author.id === 'iterate' ? 'iteration' : 'generation';
}

/** A version never holds a chart that does not parse, whoever wrote it (an empty one is allowed). */
function assertValidFlowchart(source: string): void {
  if (source.trim() === '') return;
  const check = checkFlowchart(source);
  if (check.ok) return;
  const where = check.problems.map((problem) => `line ${problem.line}: ${problem.message}`);
  throw AppError.validation([
    {
      field: 'flowchart_content',
      message: `flowchart_content is not a valid Mermaid flowchart (${where.slice(0, 3).join('; ')})`,
    },
  ]);
}
