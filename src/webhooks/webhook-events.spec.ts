import { eventData } from './webhook-events';

describe('eventData', () => {
  it('adds links under the API base', () => {
    expect(
      eventData(
        'generation.failed',
        { project_id: 'p1', task_id: 't1', task: 'generate', error_code: 'AGENT_FAILED' },
        'https://api.example.com/api/v1',
      ),
    ).toEqual({
      project_id: 'p1',
      task_id: 't1',
      task: 'generate',
      error_code: 'AGENT_FAILED',
      links: {
        project: 'https://api.example.com/api/v1/projects/p1',
        status: 'https://api.example.com/api/v1/projects/p1/generation-status/t1',
      },
    });
  });

  it('sends only the declared members, whatever else the caller passed', () => {
    const created = {
      project_id: 'p1',
      session_id: 's1',
      clarification_questions: [{ question: 'Who are your users?' }],
    };
    expect(eventData('project.created', created, '/api/v1')).toEqual({
      project_id: 'p1',
      session_id: 's1',
      links: { project: '/api/v1/projects/p1' },
    });
  });
});
