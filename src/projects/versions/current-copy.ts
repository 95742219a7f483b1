import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@/config/app-config';
import { Storage } from '@/storage/storage';
import { ProjectKeys } from '../project-keys';
import { ProjectsRepository } from '../projects.repository';
import { VersionsRepository } from './versions.repository';

const MAX_ROUNDS = 5;

/**
 * Keeps the `current/` folder a copy of the version the project points at. The pointer in
 * the document store is the truth (reads go through it); this copy is for people and tools
 * browsing the bucket. Callers hold the project lock; should two copies still overlap (a lock
 * that expired), each round re-reads the pointer after writing and copies again if it moved, so
 * the last writer to finish leaves the copy matching the pointer.
 */
@Injectable()
export class CurrentCopy {
  private readonly logger = new Logger(CurrentCopy.name);

  constructor(
    private readonly config: AppConfig,
    private readonly storage: Storage,
    private readonly projects: ProjectsRepository,
    private readonly versions: VersionsRepository,
  ) {}

  /** Never throws: a failed copy is logged and repaired by the next save or rollback. */
  async refresh(userId: string, projectId: string): Promise<void> {
    try {
      await this.copyUntilStable(userId, projectId);
    } catch (error) {
      this.logger.warn({ err: error, projectId }, 'Could not refresh the current/ copy');
    }
  }

  private async copyUntilStable(userId: string, projectId: string): Promise<void> {
    const keys = new ProjectKeys(this.config.env, userId, projectId);
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      const seq = (await this.projects.findOwned(userId, projectId))?.current_version_seq;
      if (seq === null || seq === undefined) return;
      const version = await this.versions.findBySeq(userId, projectId, seq);
      if (!version) return;
      const [prd, flowchart] = await Promise.all([
        this.storage.get(version.prd_key),
        this.storage.get(version.flowchart_key),
      ]);
      await Promise.all([
        this.storage.put(keys.current('prd.md'), prd, 'text/markdown; charset=utf-8'),
        this.storage.put(keys.current('flowchart.mmd'), flowchart, 'text/plain; charset=utf-8'),
      ]);
      const after = await this.projects.findOwned(userId, projectId);
      if (after?.current_version_seq === seq) return;
    }
  }
}
