import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import {
  AN_IDEA,
  aProject,
  fieldNames,
  idsOf,
  postProject,
  PROJECT_TEST_ENV,
  saveVersion,
} from '@test/support/factories/projects';
import { aMarkdown, aPdf } from '@test/support/fixtures/documents';
import type { ClarificationQuestion } from '@/domain/clarification';
import { getModelToken } from '@nestjs/mongoose';
import { Model } from 'mongoose';
import { ClarificationSession } from '@/projects/sessions/session.schema';
import { UploadsService } from '@/projects/uploads/uploads.service';

const LENSES = ['discovery', 'user_journey', 'metrics', 'gtm', 'risks'];

describe('Projects: lifecycle (real app, real services)', () => {
  let testApp: TestApp;
  let owner: SignedInUser;

  beforeAll(async () => {
    testApp = await createTestApp(PROJECT_TEST_ENV);
  });
  beforeEach(async () => {
    owner = await aSignedInUser(testApp.http);
  });
  afterAll(() => testApp.close());

  describe('POST /projects', () => {
    it('creates a project from an idea and answers with a session and 5-10 clarification questions', async () => {
      const res = await postProject(owner.api).expect(201);
      expect(res.body).toEqual({
        project_id: expect.stringMatching(/^[0-9a-f]{24}$/),
        session_id: expect.stringMatching(
          /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        ),
        clarification_questions: expect.any(Array),
      });
      const questions = res.body.clarification_questions as ClarificationQuestion[];
      expect(questions.length).toBeGreaterThanOrEqual(5);
      expect(questions.length).toBeLessThanOrEqual(10);
      for (const question of questions) {
        // The contract's three fields, plus the choices added to that shape.
        expect(Object.keys(question).sort()).toEqual([
          'context',
          'lens',
          'options',
          'question',
          'recommended',
          'recommended_reason',
        ]);
        expect(LENSES).toContain(question.lens);
        expect(question.options.length).toBeGreaterThanOrEqual(2);
        expect(question.options.length).toBeLessThanOrEqual(4);
        expect(new Set(question.options).size).toBe(question.options.length);
        expect(question.options).toContain(question.recommended);
        expect(question.recommended_reason.trim()).not.toBe('');
      }
      expect(new Set(questions.map((question) => question.lens))).toEqual(new Set(LENSES));
      // Worded from the idea, not a fixed list.
      expect(JSON.stringify(questions)).toContain('freelancers');
      const other = await postProject(owner.api, {
        initial_idea: 'A fitness tracking app for runners who train for marathons',
      }).expect(201);
      expect(other.body.clarification_questions).not.toEqual(questions);
      expect(JSON.stringify(other.body.clarification_questions)).toContain('runners');
    });

    it('accepts JSON when there are no files, and derives a name from the idea', async () => {
      const res = await owner.api
        .post('/api/v1/projects')
        .send({ initial_idea: 'An inventory tool for bakeries. It tracks flour.' })
        .expect(201);
      const project = await owner.api.get(`/api/v1/projects/${res.body.project_id}`).expect(200);
      expect(project.body.project.project_name).toBe('An inventory tool for bakeries');
    });

    it('creates a project with files, stores them, and asks about what they say', async () => {
      const created = await aProject(
        owner.api,
        { initial_idea: AN_IDEA, project_name: 'Gig PRD' },
        [
          { name: 'brief.pdf', content: aPdf('Escrow milestones milestones for contractors') },
          { name: 'notes.md', content: aMarkdown('# Notes\nMilestones must be approved.\n') },
        ],
      );
      const uploads = await owner.api.get(`/api/v1/projects/${created.id}/uploads`).expect(200);
      expect((uploads.body.files as { filename: string }[]).map((file) => file.filename)).toEqual([
        'brief.pdf',
        'notes.md',
      ]);
      expect(JSON.stringify(created.body.clarification_questions)).toMatch(/milestones/i);
      const project = await owner.api.get(`/api/v1/projects/${created.id}`).expect(200);
      expect(project.body.project.project_name).toBe('Gig PRD');

      // What the agents get: the uploads' text, and the session the questions belong to.
      const text = await testApp.app.get(UploadsService).textFor(owner.id, created.id);
      expect(text).toBe(
        '## brief.pdf\n\nEscrow milestones milestones for contractors\n\n' +
          '## notes.md\n\n# Notes\nMilestones must be approved.',
      );
      const session = await testApp.app
        .get<Model<ClarificationSession>>(getModelToken(ClarificationSession.name))
        .findOne({ session_id: created.sessionId })
        .lean<ClarificationSession>()
        .exec();
      expect(session?.agent_state).toEqual({
        current_step: 'clarification',
        intermediate_outputs: { clarification_questions: created.body.clarification_questions },
      });
      expect(session?.user_id.toHexString()).toBe(owner.id);
      expect(session!.expires_at.getTime() - session!.created_at.getTime()).toBe(
        testApp.config.sessions.ttlMs,
      );
    });

    it('keeps the idea as sent and refuses a missing, short or oversized one, naming the field', async () => {
      const idea = '<b>A marketplace</b> for <script>alert(1)</script>vintage guitars';
      const res = await owner.api.post('/api/v1/projects').field('initial_idea', idea).expect(201);
      const project = await owner.api.get(`/api/v1/projects/${res.body.project_id}`).expect(200);
      expect(project.body.project.initial_idea).toBe(idea);

      const missing = await owner.api
        .post('/api/v1/projects')
        .field('project_name', 'x')
        .expect(400);
      expect(missing.body.code).toBe('VALIDATION_ERROR');
      expect(fieldNames(missing.body)).toContain('initial_idea');

      const short = await postProject(owner.api, { initial_idea: 'tiny idea' }).expect(400);
      expect(short.body.fields[0].field).toBe('initial_idea');

      const long = await postProject(owner.api, { initial_idea: 'x'.repeat(5001) }).expect(400);
      expect(long.body.fields[0].field).toBe('initial_idea');

      const unknown = await postProject(owner.api, { initial_idea: AN_IDEA, owner: 'me' }).expect(
        400,
      );
      expect(unknown.body.error).toContain('owner');
    });

    it('needs a signed-in user', async () => {
      const res = await testApp.http.post('/api/v1/projects').send({ initial_idea: AN_IDEA });
      expect(res.status).toBe(401);
    });
  });

  describe('GET /projects', () => {
    it('lists by status, newest first, with limit/offset and the total', async () => {
      const ids: string[] = [];
      for (const n of [1, 2, 3, 4, 5]) {
        ids.push((await aProject(owner.api, { initial_idea: `${AN_IDEA} number ${n}` })).id);
      }
      await owner.api.patch(`/api/v1/projects/${ids[1]}`).send({ status: 'archived' }).expect(200);
      await owner.api.delete(`/api/v1/projects/${ids[2]}`).expect(200);

      const active = await owner.api.get('/api/v1/projects').expect(200);
      expect(active.body).toMatchObject({ total: 3, limit: 20, offset: 0 });
      expect(idsOf(active.body.projects)).toEqual([ids[4], ids[3], ids[0]]);
      expect(active.body.projects[0]).toEqual({
        id: ids[4],
        project_name: expect.any(String),
        initial_idea: `${AN_IDEA} number 5`,
        status: 'active',
        current_version: null,
        created_at: expect.stringMatching(/Z$/),
        updated_at: expect.stringMatching(/Z$/),
        thinking_lens_status: {
          discovery: false,
          user_journey: false,
          metrics: false,
          gtm: false,
          risks: false,
        },
        source_chat_id: null,
        created_from_chat: false,
        session_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        session_expires_at: expect.stringMatching(/Z$/),
        model_used: null,
        tokens_used: null,
        cost_usd: null,
      });

      const page = await owner.api.get('/api/v1/projects?limit=2&offset=1').expect(200);
      expect(page.body).toMatchObject({ total: 3, limit: 2, offset: 1 });
      expect(idsOf(page.body.projects)).toEqual([ids[3], ids[0]]);

      const archived = await owner.api.get('/api/v1/projects?status=archived').expect(200);
      expect(idsOf(archived.body.projects)).toEqual([ids[1]]);
      const deleted = await owner.api.get('/api/v1/projects?status=deleted').expect(200);
      expect(deleted.body).toMatchObject({
        total: 1,
        projects: [{ id: ids[2], status: 'deleted' }],
      });

      const past = await owner.api.get('/api/v1/projects?offset=10').expect(200);
      expect(past.body).toMatchObject({ total: 3, projects: [] });
    });

    it("never shows someone else's projects", async () => {
      const stranger = await aSignedInUser(testApp.http);
      await aProject(stranger.api);
      const res = await owner.api.get('/api/v1/projects').expect(200);
      expect(res.body).toMatchObject({ total: 0, projects: [] });
    });

    it('refuses bad paging and filters, naming the parameter', async () => {
      for (const [query, field] of [
        ['status=gone', 'status'],
        ['limit=0', 'limit'],
        ['limit=101', 'limit'],
        ['limit=abc', 'limit'],
        ['offset=-1', 'offset'],
      ]) {
        const res = await owner.api.get(`/api/v1/projects?${query}`).expect(400);
        expect(fieldNames(res.body)).toContain(field);
      }
    });
  });

  describe('GET /projects/{id}', () => {
    it('returns the project with no content before the first version', async () => {
      const { id } = await aProject(owner.api);
      const res = await owner.api.get(`/api/v1/projects/${id}`).expect(200);
      expect(res.body.project).toMatchObject({
        id,
        status: 'active',
        current_version: null,
        prd_content: null,
        flowchart_content: null,
        version_history: [],
        thinking_lens_status: expect.objectContaining({ discovery: false }),
      });
    });

    it('returns the current PRD, flowchart, lens status and history once versions exist', async () => {
      const { id } = await aProject(owner.api);
      await saveVersion(owner.api, id, { prd_content: '# One', changes: 'First' }).expect(201);
      await saveVersion(owner.api, id, {
        prd_content: '# Two',
        flowchart_content: 'graph TD\n  X --> Y\n',
        changes: 'Second',
        thinking_lens_status: {
          discovery: true,
          user_journey: true,
          metrics: false,
          gtm: true,
          risks: false,
        },
      }).expect(201);
      const res = await owner.api.get(`/api/v1/projects/${id}`).expect(200);
      expect(res.body.project).toMatchObject({
        current_version: 'v1.1',
        prd_content: '# Two',
        flowchart_content: 'graph TD\n  X --> Y\n',
        thinking_lens_status: {
          discovery: true,
          user_journey: true,
          metrics: false,
          gtm: true,
          risks: false,
        },
        version_history: [
          { version: 'v1.1', timestamp: expect.any(String), changes: 'Second' },
          { version: 'v1.0', timestamp: expect.any(String), changes: 'First' },
        ],
      });
    });
  });

  describe('PATCH and DELETE /projects/{id}', () => {
    it('renames, archives, restores and deletes (soft: files and versions are kept)', async () => {
      const { id } = await aProject(owner.api, { initial_idea: AN_IDEA }, [
        { name: 'notes.md', content: aMarkdown() },
      ]);
      await saveVersion(owner.api, id).expect(201);

      const renamed = await owner.api
        .patch(`/api/v1/projects/${id}`)
        .send({ project_name: '  <em>Gig</em> marketplace ' })
        .expect(200);
      expect(renamed.body).toMatchObject({
        message: 'Project updated successfully',
        project: { id, project_name: '  <em>Gig</em> marketplace ', status: 'active' },
      });

      await owner.api.patch(`/api/v1/projects/${id}`).send({ status: 'archived' }).expect(200);
      // An archived project is read-only until restored.
      const refused = await saveVersion(owner.api, id).expect(409);
      expect(refused.body).toMatchObject({ code: 'CONFLICT', status: 'archived' });
      await owner.api.patch(`/api/v1/projects/${id}`).send({ status: 'active' }).expect(200);
      await saveVersion(owner.api, id).expect(201);

      const deleted = await owner.api.delete(`/api/v1/projects/${id}`).expect(200);
      expect(deleted.body).toEqual({ message: 'Project deleted successfully' });
      const after = await owner.api.get(`/api/v1/projects/${id}`).expect(200);
      expect(after.body.project).toMatchObject({ status: 'deleted', current_version: 'v1.1' });
      expect(after.body.project.prd_content).toContain('# PRD');
      const files = await owner.api.get(`/api/v1/projects/${id}/uploads`).expect(200);
      expect(files.body.files).toHaveLength(1);

      const restored = await owner.api
        .patch(`/api/v1/projects/${id}`)
        .send({ status: 'active' })
        .expect(200);
      expect(restored.body.project.status).toBe('active');
    });

    it('refuses an empty or invalid change, naming the field', async () => {
      const { id } = await aProject(owner.api);
      const empty = await owner.api.patch(`/api/v1/projects/${id}`).send({}).expect(400);
      expect(empty.body.fields[0].field).toBe('project_name');
      const badStatus = await owner.api
        .patch(`/api/v1/projects/${id}`)
        .send({ status: 'deleted' })
        .expect(400);
      expect(badStatus.body.fields[0].field).toBe('status');
      const blank = await owner.api
        .patch(`/api/v1/projects/${id}`)
        .send({ project_name: ' \u3000 ' })
        .expect(400);
      expect(blank.body.fields[0].field).toBe('project_name');
    });
  });
});
