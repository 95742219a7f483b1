import { Types } from 'mongoose';
import { AppError } from '@/common/errors';
import { AppConfig } from '@/config/app-config';
import { noLensCovered } from '@/domain/thinking-lenses';
import type { VersionReview } from '@/domain/version-review';
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
const REVIEW: VersionReview = {
  score: 90,
  checklist: [
    {
      id: 'sections',
      label: 'Every section present',
      ok: true,
      passed: 14,
      total: 14,
      points: 10,
      max_points: 10,
    },
  ],
  findings: [
    {
      id: 'metrics_measurable:SM-1',
      severity: 'warning',
      section: 'Success Metrics',
      message: 'x',
    },
  ],
  critique: null,
  critique_status: 'not_configured',
  critique_error: null,
  reviewed_at: '2025-01-01T00:00:00.000Z',
};
const ANSWERS = [{ lens: 'discovery' as const, question: 'Who?', answer: 'Groomers 🐩\n<b>' }];
const INPUT: SaveVersionInput = {
  prdContent: '# PRD',
  flowchartContent: CHART,
  changes: 'First draft',
  author: { kind: 'agent', id: 'generate' },
  answers: ANSWERS,
  review: REVIEW,
};

function aVersionsService() {
  const config = { env: 'test', storage: { downloadUrlTtlSeconds: 60 } } as AppConfig;
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

  it('keeps the review and the answers the version was written from in its metadata.json', async () => {
    const { service, storage } = aVersionsService();
    await service.save(USER, PROJECT, INPUT);
    const written = storage.put.mock.calls.find(([key]) => key.endsWith('/metadata.json'));
    expect(JSON.parse(written![1] as string)).toMatchObject({
      version: 'v1.0',
      clarification_answers: ANSWERS,
      review: REVIEW,
    });
  });

  it('reads the current version back as the basis of the next: its answers and review', async () => {
    const { service, versions, storage } = aVersionsService();
    const project = {
      _id: new Types.ObjectId(PROJECT),
      current_version: 'v1.3',
      current_version_seq: 3,
    } as unknown as Project;
    expect(await service.basis(USER, { ...project, current_version_seq: null })).toEqual({
      version: null,
      answers: [],
      review: null,
    });
    versions.findBySeq.mockResolvedValue({
      version: 'v1.3',
      metadata_key: 'k/metadata.json',
    } as ProjectVersion);
    storage.get.mockResolvedValue(
      Buffer.from(JSON.stringify({ clarification_answers: ANSWERS, review: REVIEW })),
    );
    expect(await service.basis(USER, project)).toEqual({
      version: 'v1.3',
      answers: ANSWERS,
      review: REVIEW,
    });
    // A version saved before reviews existed: nothing to build on, but no failure either.
    storage.get.mockResolvedValue(Buffer.from(JSON.stringify({ version: 'v1.3' })));
    expect(await service.basis(USER, project)).toEqual({
      version: 'v1.3',
      answers: [],
      review: null,
    });
  });

  it('serves a review by label or as "current", and a 404 when there is none', async () => {
    const { service, versions, storage, mocks } = aVersionsService();
    versions.findByLabel.mockResolvedValue({
      version: 'v1.3',
      metadata_key: 'k/metadata.json',
    } as ProjectVersion);
    storage.get.mockResolvedValue(Buffer.from(JSON.stringify({ review: REVIEW })));
    expect(await service.review(USER, PROJECT, 'v1.3')).toEqual({
      version: 'v1.3',
      review: REVIEW,
    });
    const noVersionYet = await failure(service.review(USER, PROJECT, 'current'));
    expect([noVersionYet.code, noVersionYet.message]).toEqual([
      'NOT_FOUND',
      'The project has no version yet',
    ]);
    mocks.get(ProjectAccess).owned.mockResolvedValue({
      _id: new Types.ObjectId(PROJECT),
      current_version: 'v1.3',
    } as unknown as Project);
    expect((await service.review(USER, PROJECT, 'current')).version).toBe('v1.3');
    expect(versions.findByLabel).toHaveBeenLastCalledWith(USER, PROJECT, 'v1.3');
    storage.get.mockResolvedValue(Buffer.from(JSON.stringify({ version: 'v1.3' })));
    const unreviewed = await failure(service.review(USER, PROJECT, 'v1.3'));
    expect([unreviewed.code, unreviewed.message]).toEqual([
      'NOT_FOUND',
      'v1.3 was saved before versions were reviewed: it has no review',
    ]);
    const malformed = await failure(service.review(USER, PROJECT, 'latest'));
    expect([malformed.code, malformed.message]).toEqual(['NOT_FOUND', 'Version not found']);
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
