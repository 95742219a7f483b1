/**
 * What the per-document update lock costs a write route: PUT /api/v1/users/me (one update of the
 * user's document) with MONGODB_DOCUMENT_LOCKS=off and =on, on the same throwaway FerretDB and
 * Redis (two apps side by side, taking turns), in three shapes:
 *   - serial:     one client, one request at a time (the lock's added latency);
 *   - spread:     CLIENTS clients, each on its own account (concurrency without contention);
 *   - contended:  CLIENTS clients on one account (every update waits for the one before).
 *
 *   npm run bench:document-locks      # BENCH_DURATION=5 (seconds per shape), BENCH_CLIENTS=16
 *
 * Then the update alone (the repository method, no HTTP), 1000 times per mode, in turn.
 *
 * The clients run in this process (plain fetch), so absolute figures are low; the ratio on:off of
 * the same shape is the figure to read. "off" is what FerretDB does without the lock: fast, and
 * losing writes when two land on one document at once.
 */
import { performance } from 'node:perf_hooks';
import { UsersRepository } from '@/users/users.repository';
import { BenchApp, signedInToken, startBenchApp } from './support/bench-app';
import { withBenchServices } from './support/bench-services';

const DURATION_MS = Number(process.env.BENCH_DURATION ?? 5) * 1000;
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 16);
const WARM_UP_MS = 1_000;
const ROUNDS = 2;
const DIRECT_UPDATES = 1_000;
const MODES = ['off', 'on'] as const;
type Mode = (typeof MODES)[number];

interface Figures {
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly failed: number;
}

async function main(): Promise<void> {
  await withBenchServices('document-locks-bench', async (env) => {
    const apps = new Map<Mode, BenchApp>();
    try {
      // Both apps run side by side and take turns, so drift in the machine's load hits both.
      for (const mode of MODES) {
        apps.set(
          mode,
          await startBenchApp({
            ...env,
            MONGODB_DOCUMENT_LOCKS: mode,
            REDIS_KEY_PREFIX: `bench-${mode}:`,
            RATE_LIMIT_AUTH_PER_MINUTE: '10000',
            ARGON2_MEMORY_KIB: '8192',
            ARGON2_TIME_COST: '1',
          }),
        );
      }
      const tokens = new Map<Mode, string[]>();
      for (const [mode, { base }] of apps) {
        tokens.set(
          mode,
          await Promise.all(
            Array.from({ length: CLIENTS }, (_, i) => signedInToken(base, `${mode}-${i}`)),
          ),
        );
      }
      const shapes: [string, (all: string[]) => string[]][] = [
        ['serial', (all) => [all[0]]],
        ['spread', (all) => all],
        ['contended', (all) => all.map(() => all[0])],
      ];
      console.log(`PUT /api/v1/users/me, ${ROUNDS} x ${DURATION_MS / 1000} s per shape and mode`);
      for (const [shape, clientsOf] of shapes) {
        const pooled = new Map<Mode, Figures[]>(MODES.map((mode) => [mode, []]));
        for (let round = 0; round < ROUNDS; round++) {
          for (const mode of MODES) {
            const clients = clientsOf(tokens.get(mode)!);
            const base = apps.get(mode)!.base;
            await load(base, clients, WARM_UP_MS);
            pooled.get(mode)!.push(await load(base, clients, DURATION_MS));
          }
        }
        const off = mean(pooled.get('off')!);
        const on = mean(pooled.get('on')!);
        console.log(row(`${shape} (${clientsOf(tokens.get('off')!).length}), locks off`, off));
        console.log(row(`${shape}, locks on`, on));
        console.log(
          `${shape}: throughput on:off = ${(on.requestsPerSecond / off.requestsPerSecond).toFixed(2)}` +
            `, p50 on:off = ${(on.p50 / off.p50).toFixed(2)}\n`,
        );
      }
      await directUpdates(apps);
    } finally {
      for (const { app } of apps.values()) await app.close();
    }
  });
}

/** The update alone, without HTTP: UsersRepository.recordLogin, one at a time, modes in turn. */
async function directUpdates(apps: Map<Mode, BenchApp>): Promise<void> {
  const timings = new Map<Mode, number[]>(MODES.map((mode) => [mode, []]));
  const subjects = await Promise.all(
    MODES.map(async (mode) => {
      const { app, base } = apps.get(mode)!;
      const token = await signedInToken(base, `${mode}-direct`);
      const me = await fetch(`${base}/api/v1/users/me`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const { id } = (await me.json()) as { id: string };
      return { mode, users: app.get(UsersRepository), id };
    }),
  );
  for (let i = 0; i < DIRECT_UPDATES; i++) {
    for (const { mode, users, id } of subjects) {
      const started = performance.now();
      await users.recordLogin(id, new Date());
      if (i >= DIRECT_UPDATES / 10) timings.get(mode)!.push(performance.now() - started);
    }
  }
  const p50 = (mode: Mode) => {
    const sorted = [...timings.get(mode)!].sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  };
  console.log(
    `one update (repository, ${DIRECT_UPDATES} in turn): p50 off ${p50('off').toFixed(2)} ms, ` +
      `on ${p50('on').toFixed(2)} ms, on:off = ${(p50('on') / p50('off')).toFixed(2)}`,
  );
}

function mean(runs: Figures[]): Figures {
  const avg = (pick: (figures: Figures) => number) =>
    runs.reduce((sum, figures) => sum + pick(figures), 0) / runs.length;
  return {
    requestsPerSecond: avg((f) => f.requestsPerSecond),
    p50: avg((f) => f.p50),
    p95: avg((f) => f.p95),
    failed: avg((f) => f.failed),
  };
}

/** Each client sends PUTs one after another for `durationMs`; latencies of all are pooled. */
async function load(base: string, tokens: string[], durationMs: number): Promise<Figures> {
  const latencies: number[] = [];
  let failed = 0;
  const until = performance.now() + durationMs;
  await Promise.all(
    tokens.map(async (token, client) => {
      for (let i = 0; performance.now() < until; i++) {
        const started = performance.now();
        const res = await fetch(`${base}/api/v1/users/me`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ full_name: `Bench ${client} ${i}` }),
        });
        await res.arrayBuffer();
        if (res.status === 200) latencies.push(performance.now() - started);
        else failed++;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (q: number) =>
    latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))];
  return {
    requestsPerSecond: latencies.length / (durationMs / 1000),
    p50: at(0.5),
    p95: at(0.95),
    failed,
  };
}

function row(label: string, figures: Figures): string {
  return (
    `${label.padEnd(30)} ${figures.requestsPerSecond.toFixed(0).padStart(6)} req/s   ` +
    `p50 ${figures.p50.toFixed(1).padStart(6)} ms   p95 ${figures.p95.toFixed(1).padStart(6)} ms   ` +
    `failed ${figures.failed.toFixed(0)}`
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
