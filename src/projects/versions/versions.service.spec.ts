import { Types } from 'mongoose';
import { AppError } from '@/common/errors';
import { AppConfig } from '@/config/app-config';
import { noLensCovered } from '@/domain/thinking-lenses';
import { Storage } from '@/storage/storage';
import { newTestService } from '@test/support/new-test-service';
import { ProjectAccess } from '../project-access';
import { ProjectLock } from '../project-lock';
import type { Project } from '../project.schema';
import { ProjectsRepository } from '../projects.repository';
import { CurrentCopy } from './current-copy';
import type { ProjectVersion } from './project-version.schema';
import { VersionsRepository } from './versions.repository';
import { SaveVersionInput, VersionsService } from './versions.service';

const USER = 'a'.repeat(24);
const PROJECT = 'b'.repeat(24);
const CHART = 'flowchart TD\n  A["Start"] --> B["Done"]';
const INPUT: SaveVersionInput = {
  prdContent: '# PRD',
  flowchartContent: CHART,
  changes: 'First draft',
  author: { kind: 'agent', id: 'generate' },
};

function aVersionsService() {
  const config = {
    env: 'test',
    storage: { downloadUrlTtlSeconds: 60 },
    versions: { maxPerProject: 500 },
  } as AppConfig;
  const { sut, mocks } = newTestService(VersionsService, [[AppConfig, config]]);
  const project = {
    _id: new Types.ObjectId(PROJECT),
    status: 'active',
    current_version: null,
    metadata: { thinking_lens_status: noLensCovered() },
  } as unknown as Project;
  mocks.get(ProjectAccess).active.mockResolvedValue(project);
  mocks.get(ProjectAccess).owned.mockResolvedValue(project);
  mocks.get(ProjectLock).run.mockImplementation((_id, work) => work());
  const projects = mocks.get(ProjectsRepository);
  let counter = 0;
  projects.allocateVersionSeq.mockImplementation(() => Promise.resolve(counter++));
  projects.recordSavedVersion.mockResolvedValue({ becameCurrent: true });
  const versions = mocks.get(VersionsRepository);
  versions.countComplete.mockResolvedValue(0);
  versions.claim.mockImplementation((claim) =>
    Promise.resolve({
      claimed: {
        _id: new Types.ObjectId(),
        user_id: new Types.ObjectId(USER),
        seq: claim.seq,
        version: claim.label,
        timestamp: claim.timestamp,
        prd_key: claim.keys.prd,
        flowchart_key: claim.keys.flowchart,
        metadata_key: claim.keys.metadata,
        prd_sha256: claim.prdSha256,
      } as unknown as ProjectVersion,
    }),
  );
  return { service: sut, mocks, projects, versions, storage: mocks.get(Storage) };
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a failure');
}

describe('VersionsService (service tier: automocked repositories)', () => {
  it('refuses a flowchart that does not parse, naming the field, before touching anything', async () => {
    const { service, mocks, storage } = aVersionsService();
    const error = await failure(
      service.save(USER, PROJECT, { ...INPUT, flowchartContent: 'flowchart TD\n  A -->' }),
    );
    expect(error.code).toBe('VALIDATION_ERROR');
    expect(error.details?.fields).toEqual([
      expect.objectContaining({ field: 'flowchart_content' }),
    ]);
    expect(mocks.get(ProjectAccess).active).not.toHaveBeenCalled();
    expect(storage.put).not.toHaveBeenCalled();
  });

  it('claims the next number, writes the three objects, then moves the pointer', async () => {
    const { service, projects, versions, storage, mocks } = aVersionsService();
    const saved = await service.save(USER, PROJECT, INPUT);
    expect(saved).toMatchObject({ version: 'v1.0', currentVersion: 'v1.0' });
    expect(storage.put).toHaveBeenCalledTimes(3);
    expect(versions.markComplete).toHaveBeenCalledTimes(1);
    expect(projects.recordSavedVersion).toHaveBeenCalledWith(
      USER,
      PROJECT,
      expect.objectContaining({ seq: 0, label: 'v1.0' }),
      true,
    );
    expect(mocks.get(CurrentCopy).refresh).toHaveBeenCalledWith(USER, PROJECT);
  });

  it('takes the next number when another save already holds the one it was given', async () => {
    const { service, versions } = aVersionsService();
    const claim = versions.claim.getMockImplementation()!;
    versions.claim.mockResolvedValueOnce({ taken: true }).mockImplementation(claim);
    expect((await service.save(USER, PROJECT, INPUT)).version).toBe('v1.1');
  });

  it('leaves nothing visible when an object cannot be written', async () => {
    const { service, projects, versions, storage } = aVersionsService();
    storage.put.mockRejectedValueOnce(new Error('disk full'));
    versions.removeClaim.mockResolvedValue(undefined);
    await expect(service.save(USER, PROJECT, INPUT)).rejects.toThrow('disk full');
    expect(versions.removeClaim).toHaveBeenCalledTimes(1);
    expect(storage.delete).toHaveBeenCalledTimes(3);
    expect(versions.markComplete).not.toHaveBeenCalled();
    expect(projects.recordSavedVersion).not.toHaveBeenCalled();
  });

  it('answers a label that is not one of ours with a plain 404, without a query', async () => {
    const { service, versions } = aVersionsService();
    const error = await failure(service.rollback(USER, PROJECT, 'v2.0; drop'));
    expect([error.code, error.message]).toEqual(['NOT_FOUND', 'Version not found']);
    expect(versions.findByLabel).not.toHaveBeenCalled();
  });
});
