/**
 * Socket.IO fan-out: one project room with BENCH_SOCKETS clients, BENCH_EVENTS agent_progress
 * events, through the production path (RealtimeService → numbered in Redis → relay → sockets)
 * against a bare socket.io Server (no Nest, no Redis: `io.to(room).emit`), in the same run.
 *
 *   npm run bench:realtime-fanout     # BENCH_SOCKETS=200 BENCH_EVENTS=500 by default
 *   npm run bench:sockets             # the same with 1,000 sockets and 200 events
 *
 * RealtimeService coalesces a burst of progress (the newest update wins), so our path delivers
 * fewer events than were published, the last one always; `delivered` says how many. Also reports
 * the memory the idle sockets take (heap and RSS of this process, per socket).
 *
 * Starts throwaway FerretDB and Redis, the real app (same stack as main.ts, with its Redis
 * adapter) on a loopback port, registers and logs in one user, creates one project and connects
 * the clients to /ws/projects/{id} with the token. The bare server gets the same number of
 * clients on its own loopback port. The event shape is untouched: the bench keeps the publish
 * time of each sequence number itself and the sequence travels as the `step` text (`bench-42`).
 *
 * Events are published back to back by default (yielding to the event loop between two), so the
 * latency includes queueing behind earlier events: a burst figure, not an idle one. BENCH_INTERVAL_MS
 * spaces them instead (then deliveries/s is capped by the publish rate; read the latencies). Clients and
 * servers share this process, which costs both paths alike; the ratio is the figure to read.
 * Reading deliveries/s: the bare emit does its whole fan-out inside the publish loop, one event
 * per event-loop turn; the Redis path's fan-out runs when the subscriber's messages arrive, several
 * per read under a burst. So in a burst our path can show more deliveries/s than the bare one
 * (batching), paid for in latency: compare the percentiles first.
 * Each phase stops by itself after BENCH_PHASE_TIMEOUT_S and reports what was missing.
 */
import { NestExpressApplication } from '@nestjs/platform-express';
import { createServer } from 'node:http';
import { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep, setImmediate as yieldToLoop } from 'node:timers/promises';
import { Server } from 'socket.io';
import { io, Socket } from 'socket.io-client';
import { projectNamespace, projectRoom } from '@/realtime/realtime-channels';
import type { AgentProgressData, ProjectEvents } from '@/realtime/realtime.events';
import { RealtimeService } from '@/realtime/realtime.service';
import { signedInToken, startBenchApp } from './support/bench-app';
import { withBenchServices } from './support/bench-services';

const SOCKETS = Number(process.env.BENCH_SOCKETS ?? 200);
const EVENTS = Number(process.env.BENCH_EVENTS ?? 500);
const WARM_UP_EVENTS = 20;
/** 0: back to back (a burst); otherwise this many ms between two publishes (an unsaturated rate). */
const INTERVAL_MS = Number(process.env.BENCH_INTERVAL_MS ?? 0);
const PHASE_TIMEOUT_MS = Number(process.env.BENCH_PHASE_TIMEOUT_S ?? 30) * 1_000;
/** Handshakes in flight at once: the app checks the token and the project on each. */
const CONNECT_BATCH = 50;
const STEP_PREFIX = 'bench-';

type ProjectSocket = Socket<ProjectEvents>;

interface Figures {
  readonly label: string;
  readonly delivered: number;
  readonly expected: number;
  /** Every socket heard the last event of the phase. */
  readonly complete: boolean;
  readonly deliveriesPerSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
}

async function main(): Promise<void> {
  await withBenchServices('realtime-fanout-bench', async (env) => {
    let app: NestExpressApplication | undefined;
    let bare: Server<Record<string, never>, ProjectEvents> | undefined;
    const clients: ProjectSocket[] = [];
    try {
      const started = await startBenchApp(env);
      app = started.app;
      const appBase = started.base;
      const token = await signedInToken(appBase);
      const projectId = await aProject(appBase, token);
      const realtime = app.get(RealtimeService);

      const httpServer = createServer();
      bare = new Server<Record<string, never>, ProjectEvents>(httpServer, {
        transports: ['websocket'],
      });
      const bareRoom = projectRoom(projectId);
      bare.of(projectNamespace(projectId)).on('connection', (socket) => {
        void socket.join(bareRoom);
      });
      await new Promise<void>((resolve) => httpServer.listen(0, '127.0.0.1', resolve));
      const bareBase = baseUrl(httpServer.address() as AddressInfo);
      const bareNamespace = bare.of(projectNamespace(projectId));

      const memory = () => {
        (globalThis as { gc?: () => void }).gc?.();
        const usage = process.memoryUsage();
        return { heap: usage.heapUsed, rss: usage.rss };
      };
      const beforeOurs = memory();
      const ours = await connectAll(appBase, projectId, { token }, clients);
      await sleep(1_000);
      const afterOurs = memory();
      const theirs = await connectAll(bareBase, projectId, {}, clients);
      await sleep(1_000);
      const afterTheirs = memory();
      const perSocket = (from: { heap: number; rss: number }, to: { heap: number; rss: number }) =>
        `heap ${((to.heap - from.heap) / SOCKETS / 1024).toFixed(1)} KiB, rss ${((to.rss - from.rss) / SOCKETS / 1024).toFixed(1)} KiB`;
      console.log(
        `memory of ${SOCKETS} idle sockets (server and client ends, both in this process), per socket: ` +
          `ours ${perSocket(beforeOurs, afterOurs)}; bare socket.io ${perSocket(afterOurs, afterTheirs)}`,
      );
      console.log(
        `${SOCKETS} sockets per server, ${EVENTS} agent_progress events per phase ` +
          `(after ${WARM_UP_EVENTS} warm-up events), ` +
          `${INTERVAL_MS > 0 ? `${INTERVAL_MS} ms apart` : 'back to back'}, ` +
          'clients in this process, loopback only',
      );

      const results: Figures[] = [];
      const paths: { label: string; sockets: ProjectSocket[]; publish: Publish }[] = [
        {
          label: 'RealtimeService (Redis)',
          sockets: ours,
          publish: (data) => realtime.projectProgress(projectId, data),
        },
        {
          label: 'bare socket.io',
          sockets: theirs,
          publish: (data) => bareNamespace.to(bareRoom).emit('agent_progress', data, { seq: 0 }),
        },
      ];
      for (const path of paths) await phase(path.label, path.sockets, path.publish, WARM_UP_EVENTS);
      for (const path of paths) {
        results.push(await phase(path.label, path.sockets, path.publish, EVENTS));
      }
      report(results);
    } finally {
      for (const client of clients) client.close();
      // Also closes the bare server's HTTP server.
      await bare?.close();
      await app?.close();
    }
  });
}

type Publish = (data: AgentProgressData) => void;

/**
 * Publishes `events` events and waits until every socket heard each, or the phase timeout.
 * Latency is receipt time minus this process's publish time for that sequence number.
 */
async function phase(
  label: string,
  sockets: readonly ProjectSocket[],
  publish: Publish,
  events: number,
): Promise<Figures> {
  const sentAt = new Float64Array(events);
  const latencies: number[] = [];
  const expected = events * sockets.length;
  let lastReceipt = 0;
  let heardLast = 0;
  let done: () => void = () => undefined;
  const allHeard = new Promise<void>((resolve) => (done = resolve));
  // RealtimeService coalesces a burst (the newest update wins), so a phase is over when every
  // socket heard the last event; the bare server delivers every one.
  const onProgress = (data: AgentProgressData) => {
    const now = performance.now();
    const seq = Number(data.step.slice(STEP_PREFIX.length));
    latencies.push(now - sentAt[seq]);
    lastReceipt = now;
    if (seq === events - 1) heardLast += 1;
    if (heardLast === sockets.length) done();
  };
  for (const socket of sockets) socket.on('agent_progress', onProgress);

  const start = performance.now();
  for (let seq = 0; seq < events; seq++) {
    sentAt[seq] = performance.now();
    publish({
      task_id: 'bench',
      step: `${STEP_PREFIX}${seq}`,
      progress: seq / events,
      estimated_time: 0,
      current_step: `${STEP_PREFIX}${seq}`,
      estimated_time_remaining: 0,
    });
    // Let the sockets read and the Redis connections flush between two events.
    await (INTERVAL_MS > 0 ? sleep(INTERVAL_MS) : yieldToLoop());
  }
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<void>((resolve) => (timer = setTimeout(resolve, PHASE_TIMEOUT_MS)));
  await Promise.race([allHeard, timedOut]);
  clearTimeout(timer);
  for (const socket of sockets) socket.off('agent_progress', onProgress);

  latencies.sort((a, b) => a - b);
  const elapsedS = ((lastReceipt || performance.now()) - start) / 1_000;
  return {
    label,
    delivered: latencies.length,
    expected,
    complete: heardLast === sockets.length,
    deliveriesPerSecond: latencies.length / elapsedS,
    p50: percentile(latencies, 0.5),
    p95: percentile(latencies, 0.95),
    p99: percentile(latencies, 0.99),
  };
}

function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/** SOCKETS clients on /ws/projects/{id}, connected; also recorded in `all` for the final close. */
async function connectAll(
  base: string,
  projectId: string,
  auth: Record<string, string>,
  all: ProjectSocket[],
): Promise<ProjectSocket[]> {
  const sockets: ProjectSocket[] = [];
  for (let first = 0; first < SOCKETS; first += CONNECT_BATCH) {
    const size = Math.min(CONNECT_BATCH, SOCKETS - first);
    const batch = Array.from({ length: size }, () => {
      const socket: ProjectSocket = io(`${base}${projectNamespace(projectId)}`, {
        auth,
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        timeout: PHASE_TIMEOUT_MS,
      });
      all.push(socket);
      return new Promise<ProjectSocket>((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', reject);
      });
    });
    sockets.push(...(await Promise.all(batch)));
  }
  return sockets;
}

function baseUrl(address: AddressInfo): string {
  return `http://127.0.0.1:${address.port}`;
}

/** POST /projects as multipart, as a browser sends it. */
async function aProject(base: string, token: string): Promise<string> {
  const form = new FormData();
  form.append('initial_idea', 'A bench project: live updates to many watchers at once');
  const res = await fetch(`${base}/api/v1/projects`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
    body: form,
  });
  if (res.status !== 201) throw new Error(`create project: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { project_id: string }).project_id;
}

function report([ours, bare]: Figures[]): void {
  const ms = (value: number) => `${value.toFixed(1).padStart(7)} ms`;
  const row = (figures: Figures) =>
    `${figures.label.padEnd(24)} ${figures.deliveriesPerSecond.toFixed(0).padStart(8)} deliveries/s   ` +
    `p50 ${ms(figures.p50)}   p95 ${ms(figures.p95)}   p99 ${ms(figures.p99)}   ` +
    `delivered ${figures.delivered}/${figures.expected}`;
  console.log(`\n${row(ours)}\n${row(bare)}`);
  if (!ours.complete || !bare.complete) {
    console.log('INCOMPLETE: some sockets did not hear the last event within the phase timeout');
    process.exitCode = 1;
  }
  const met = ours.p95 < 100 && ours.p95 <= 2 * bare.p95 && ours.complete;
  console.log(
    `\nratio ours : bare   throughput ${(ours.deliveriesPerSecond / bare.deliveriesPerSecond).toFixed(2)}` +
      `   p50 ${(ours.p50 / bare.p50).toFixed(2)}x   p95 ${(ours.p95 / bare.p95).toFixed(2)}x` +
      `   p99 ${(ours.p99 / bare.p99).toFixed(2)}x latency (target p95 < 100 ms and <= 2x): ${met ? 'met' : 'MISSED'}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
