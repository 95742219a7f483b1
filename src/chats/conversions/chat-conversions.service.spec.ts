import { Types } from 'mongoose';
import type { ChatConversion } from './chat-conversion.schema';
import type { ChatConversionsRepository, ConversionResult } from './chat-conversions.repository';
import { ChatConversionsService } from './chat-conversions.service';

const USER = 'a'.repeat(24);
const CHAT = 'c'.repeat(24);
const result = (projectId: string): ConversionResult => ({
  projectId,
  sessionId: `session-${projectId}`,
  questions: [
    {
      lens: 'discovery',
      question: 'Who?',
      context: 'Why it matters',
      options: ['Clinics', 'Chains'],
      recommended: 'Clinics',
      recommended_reason: 'The idea names them',
    },
  ],
});

/** The repository's contract in memory: one claim per chat, only its token completes it. */
function aService() {
  let held: ChatConversion | null = null;
  const repository = {
    claim: jest.fn((_user: string, _chat: string, token: string) => {
      if (held) return Promise.resolve({ won: false, held });
      held = {
        _id: new Types.ObjectId(CHAT),
        user_id: new Types.ObjectId(USER),
        status: 'pending',
        token,
        claimed_at: new Date(),
        project_id: null,
        session_id: null,
        clarification_questions: [],
      };
      return Promise.resolve({ won: true });
    }),
    complete: jest.fn((_user: string, _chat: string, token: string, done: ConversionResult) => {
      if (held?.token === token) {
        held = {
          ...held,
          status: 'done',
          project_id: new Types.ObjectId(done.projectId),
          session_id: done.sessionId,
          clarification_questions: [...done.questions],
        };
      }
      return Promise.resolve();
    }),
    release: jest.fn((_user: string, _chat: string, token: string) => {
      if (held?.token === token && held.status === 'pending') held = null;
      return Promise.resolve();
    }),
  };
  const service = new ChatConversionsService(repository as unknown as ChatConversionsRepository);
  return {
    service,
    age: (ms: number) => held && (held = { ...held, claimed_at: new Date(Date.now() - ms) }),
  };
}

describe('ChatConversionsService.once', () => {
  it('runs the conversion once: a caller arriving meanwhile waits for the same result', async () => {
    const { service } = aService();
    let finish: (value: ConversionResult) => void = () => undefined;
    const convert = jest.fn(() => new Promise<ConversionResult>((resolve) => (finish = resolve)));
    const first = service.once(USER, CHAT, convert);
    const second = service.once(USER, CHAT, convert);
    await new Promise((resolve) => setImmediate(resolve));
    finish(result('b'.repeat(24)));
    await expect(first).resolves.toEqual(result('b'.repeat(24)));
    await expect(second).resolves.toEqual(result('b'.repeat(24)));
    await expect(service.once(USER, CHAT, convert)).resolves.toEqual(result('b'.repeat(24)));
    expect(convert).toHaveBeenCalledTimes(1);
  });

  it('gives the claim back when the conversion fails, so the next try converts', async () => {
    const { service } = aService();
    await expect(
      service.once(USER, CHAT, () => Promise.reject(new Error('clarify failed'))),
    ).rejects.toThrow('clarify failed');
    await expect(
      service.once(USER, CHAT, () => Promise.resolve(result('d'.repeat(24)))),
    ).resolves.toEqual(result('d'.repeat(24)));
  });

  it('takes over a claim whose holder stopped long ago', async () => {
    const { service, age } = aService();
    void service.once(USER, CHAT, () => new Promise<ConversionResult>(() => undefined));
    await new Promise((resolve) => setImmediate(resolve));
    age(6 * 60_000);
    await expect(
      service.once(USER, CHAT, () => Promise.resolve(result('e'.repeat(24)))),
    ).resolves.toEqual(result('e'.repeat(24)));
  });
});
