import { ProgressCoalescer } from './progress-coalescer';

/** A send whose publishes stay under way until the test acknowledges them. */
function controlledSend() {
  const sent: { room: string; event: string; data: unknown }[] = [];
  const acks: (() => void)[] = [];
  const send = (room: string, event: string, data: unknown) => {
    sent.push({ room, event, data });
    return new Promise<void>((resolve) => acks.push(resolve));
  };
  const ackAll = async () => {
    while (acks.length > 0) {
      acks.shift()!();
      // Let the coalescer's settle handler run before the next acknowledgement.
      await Promise.resolve();
      await Promise.resolve();
    }
  };
  return { sent, send, ackAll };
}

const progress = (value: number) => ({ step: `step ${value}`, progress: value, estimated_time: 1 });

describe('ProgressCoalescer', () => {
  it('keeps only the newest progress held back while a publish is under way', async () => {
    const { sent, send, ackAll } = controlledSend();
    const coalescer = new ProgressCoalescer(send);
    for (let value = 1; value <= 50; value += 1)
      coalescer.latest('p1', 'agent_progress', progress(value));
    expect(sent.map((entry) => entry.data)).toEqual([progress(1)]);
    await ackAll();
    expect(sent.map((entry) => entry.data)).toEqual([progress(1), progress(50)]);
    expect(coalescer.busyRooms).toBe(0);
  });

  it('never drops agent_complete or error, and publishes a held-back progress before them', async () => {
    const { sent, send, ackAll } = controlledSend();
    const coalescer = new ProgressCoalescer(send);
    coalescer.latest('p1', 'agent_progress', progress(10));
    coalescer.latest('p1', 'agent_progress', progress(20));
    coalescer.latest('p1', 'agent_progress', progress(30));
    coalescer.always('p1', 'agent_complete', { done: true });
    coalescer.always('p1', 'error', { message: 'later failure' });
    coalescer.latest('p1', 'agent_progress', progress(40));
    coalescer.latest('p1', 'agent_progress', progress(50));
    await ackAll();
    expect(sent.map((entry) => [entry.event, entry.data])).toEqual([
      ['agent_progress', progress(10)],
      ['agent_progress', progress(30)],
      ['agent_complete', { done: true }],
      ['error', { message: 'later failure' }],
      ['agent_progress', progress(50)],
    ]);
  });

  it("coalesces each task's progress apart: two tasks in one room both show their newest", async () => {
    const { sent, send, ackAll } = controlledSend();
    const coalescer = new ProgressCoalescer(send);
    coalescer.latest('p1', 'agent_progress', progress(1), 'task-a');
    for (let value = 2; value <= 9; value += 1) {
      coalescer.latest('p1', 'agent_progress', progress(value), 'task-a');
      coalescer.latest('p1', 'agent_progress', progress(100 + value), 'task-b');
    }
    await ackAll();
    expect(sent.map((entry) => entry.data)).toEqual([progress(1), progress(9), progress(109)]);
  });

  it('coalesces nothing when each publish is acknowledged before the next update', async () => {
    const { sent, send, ackAll } = controlledSend();
    const coalescer = new ProgressCoalescer(send);
    for (let value = 1; value <= 5; value += 1) {
      coalescer.latest('p1', 'agent_progress', progress(value));
      await ackAll();
    }
    expect(sent.map((entry) => entry.data)).toEqual([1, 2, 3, 4, 5].map(progress));
  });

  it('keeps rooms apart, and goes on after a failed publish', async () => {
    const sent: string[] = [];
    let fail = true;
    const coalescer = new ProgressCoalescer((room, event) => {
      sent.push(`${room}:${event}`);
      if (fail) {
        fail = false;
        return Promise.reject(new Error('redis down'));
      }
      return Promise.resolve();
    });
    coalescer.latest('p1', 'agent_progress', progress(1));
    coalescer.latest('p2', 'agent_progress', progress(1));
    coalescer.latest('p1', 'agent_progress', progress(2));
    await new Promise((resolve) => setImmediate(resolve));
    expect(sent).toEqual(['p1:agent_progress', 'p2:agent_progress', 'p1:agent_progress']);
    expect(coalescer.busyRooms).toBe(0);
  });
});
