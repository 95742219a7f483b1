import { Logger } from '@nestjs/common';
import { Types } from 'mongoose';
import { ClarificationService } from '@/agents/clarification/clarification.service';
import { AppError } from '@/common/errors';
import type { ClarificationQuestion } from '@/domain/clarification';
import type { Project } from '@/projects/project.schema';
import { ProjectsService } from '@/projects/projects.service';
import { SessionsService } from '@/projects/sessions/sessions.service';
import type { Upload } from '@/projects/uploads/upload.schema';
import { StoredUpload, UploadsService } from '@/projects/uploads/uploads.service';
import { WebhookEventsService } from '@/webhooks/webhook-events.service';
import { newTestService } from '@test/support/new-test-service';
import { ProjectIntakeWorkflow } from './project-intake.workflow';

const USER = 'a'.repeat(24);
const PROJECT = 'b'.repeat(24);
const IDEA = 'A platform for connecting freelancers';
const QUESTIONS: ClarificationQuestion[] = [
  {
    lens: 'discovery',
    question: 'Who is it for?',
    context: 'Scope',
    options: ['Freelancers', 'Agencies'],
    recommended: 'Freelancers',
    recommended_reason: 'The idea names them',
  },
];
const STORED: StoredUpload[] = [
  { upload: {} as Upload, created: true, text: 'notes one' },
  { upload: {} as Upload, created: false, text: null },
  { upload: {} as Upload, created: true, text: 'notes two' },
];

function anIntake() {
  const { sut, mocks } = newTestService(ProjectIntakeWorkflow);
  const projects = mocks.get(ProjectsService);
  projects.open.mockResolvedValue({
    _id: new Types.ObjectId(PROJECT),
    initial_idea: IDEA,
  } as Project);
  const uploads = mocks.get(UploadsService);
  uploads.check.mockReturnValue([]);
  uploads.store.mockResolvedValue(STORED);
  const clarification = mocks.get(ClarificationService);
  clarification.questionsFor.mockResolvedValue(QUESTIONS);
  const sessions = mocks.get(SessionsService);
  sessions.start.mockResolvedValue('session-1');
  const webhookEvents = mocks.get(WebhookEventsService);
  return { intake: sut, projects, uploads, clarification, sessions, webhookEvents };
}

describe('ProjectIntakeWorkflow (service tier: automocked features and agent)', () => {
  beforeAll(() => {
    Logger.overrideLogger(false);
  });

  it('asks the clarify agent about the idea and the uploads, and opens a session for the answers', async () => {
    const { intake, clarification, sessions } = anIntake();
    const created = await intake.create(USER, { initial_idea: IDEA }, []);
    expect(clarification.questionsFor).toHaveBeenCalledWith({
      idea: IDEA,
      uploadsText: 'notes one\n\nnotes two',
      owner: { userId: USER, projectId: PROJECT },
    });
    expect(sessions.start).toHaveBeenCalledWith(USER, PROJECT, QUESTIONS);
    expect(created).toEqual({
      project_id: PROJECT,
      session_id: 'session-1',
      clarification_questions: QUESTIONS,
    });
  });

  it('links a project converted from a chat, and gives clarify the conversation', async () => {
    const { intake, projects, clarification } = anIntake();
    const history = [{ role: 'user' as const, content: 'A bike lock that texts me' }];
    await intake.create(USER, { initial_idea: IDEA }, [], {
      sourceChatId: 'c'.repeat(24),
      chatHistory: history,
    });
    expect(projects.open).toHaveBeenCalledWith(USER, { initial_idea: IDEA }, 'c'.repeat(24));
    expect(clarification.questionsFor).toHaveBeenCalledWith(
      expect.objectContaining({ chatHistory: history }),
    );
  });

  it('publishes project.created once the project is whole, and never for an undone one', async () => {
    const { intake, sessions, webhookEvents } = anIntake();
    await intake.create(USER, { initial_idea: IDEA }, []);
    expect(webhookEvents.publish).toHaveBeenCalledWith(USER, 'project.created', {
      project_id: PROJECT,
      session_id: 'session-1',
    });

    webhookEvents.publish.mockClear();
    sessions.start.mockRejectedValue(new Error('store down'));
    await expect(intake.create(USER, { initial_idea: IDEA }, [])).rejects.toThrow('store down');
    expect(webhookEvents.publish).not.toHaveBeenCalled();
  });

  it('creates nothing when a file is refused', async () => {
    const { intake, projects, uploads } = anIntake();
    uploads.check.mockImplementation(() => {
      throw AppError.validation([{ field: 'files[0]', message: 'files[0]: not allowed' }]);
    });
    await expect(intake.create(USER, { initial_idea: IDEA }, [])).rejects.toThrow('files[0]');
    expect(projects.open).not.toHaveBeenCalled();
    expect(uploads.store).not.toHaveBeenCalled();
  });

  it('removes what it wrote when a later step fails, and passes the failure on', async () => {
    const { intake, projects, uploads, sessions } = anIntake();
    sessions.start.mockRejectedValue(new Error('store down'));
    await expect(intake.create(USER, { initial_idea: IDEA }, [])).rejects.toThrow('store down');
    expect(uploads.discard).toHaveBeenCalledWith(USER, STORED);
    expect(sessions.removeForProject).toHaveBeenCalledWith(USER, PROJECT);
    expect(projects.discard).toHaveBeenCalledWith(USER, PROJECT);
  });
});
