/**
 * GET /health of our app against GET /health of a bare NestJS 11 + Express app (bench/bare-nest),
 * then GET /api/v1/users/me against our /health, all in one run.
 *
 *   npm run bench:health     # BENCH_CONNECTIONS=100 BENCH_DURATION=5 BENCH_PAIRS=3
 *
 * Both servers are child processes (ours with embedded FerretDB and Redis, the offline provider and
 * LOG_LEVEL=info, BENCH_LOG_LEVEL to change it); autocannon runs here. Runs alternate bare, ours,
 * bare, ours... so drift in the machine's load hits both. BENCH_CPU_PROF=<dir> writes a
 * --cpu-prof profile of our server. Ratios are of median req/s over the pairs.
 * Targets: /health >= 0.6 of bare (aim 0.8); /users/me >= 0.8 of our /health, p97.5 < 50 ms.
 */
import { signedInToken } from './support/bench-app';
import { startChildServer } from './support/child-server';
import { Figures, load, median, row } from './support/load';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 100);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 5);
const PAIRS = Number(process.env.BENCH_PAIRS ?? 3);
const WARM_UP_S = 2;
const TARGET_HEALTH = 0.6;
const TARGET_ME = 0.8;
const TARGET_ME_P97_5_MS = 50;

async function main(): Promise<void> {
  const profileDir = process.env.BENCH_CPU_PROF;
  const [bare, ours] = await Promise.all([
    startChildServer('bench/bare-nest/main.ts'),
    startChildServer(
      'bench/support/serve-app.ts',
      {},
      profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [],
    ),
  ]);
  try {
    const token = await signedInToken(ours.base);
    const me = { authorization: `Bearer ${token}` };
    const options = { connections: CONNECTIONS, duration: DURATION_S };
    console.log(
      `autocannon ${CONNECTIONS} connections x ${DURATION_S} s, ${PAIRS} alternating pairs, ` +
        `after a ${WARM_UP_S} s warm-up of each route`,
    );
    await load('warm-up', `${bare.base}/health`, { ...options, duration: WARM_UP_S });
    await load('warm-up', `${ours.base}/health`, { ...options, duration: WARM_UP_S });
    await load('warm-up', `${ours.base}/api/v1/users/me`, {
      ...options,
      duration: WARM_UP_S,
      headers: me,
    });
    const bareRuns: Figures[] = [];
    const healthRuns: Figures[] = [];
    const meRuns: Figures[] = [];
    for (let pair = 1; pair <= PAIRS; pair += 1) {
      bareRuns.push(await load(`bare GET /health #${pair}`, `${bare.base}/health`, options));
      console.log(row(bareRuns.at(-1)!));
      healthRuns.push(await load(`ours GET /health #${pair}`, `${ours.base}/health`, options));
      console.log(row(healthRuns.at(-1)!));
      meRuns.push(
        await load(`ours GET /users/me #${pair}`, `${ours.base}/api/v1/users/me`, {
          ...options,
          headers: me,
        }),
      );
      console.log(row(meRuns.at(-1)!));
    }
    const rps = (runs: Figures[]) => median(runs.map((run) => run.requestsPerSecond));
    const healthRatio = rps(healthRuns) / rps(bareRuns);
    const meRatio = rps(meRuns) / rps(healthRuns);
    const meP97_5 = median(meRuns.map((run) => run.p97_5));
    const failures = [...bareRuns, ...healthRuns, ...meRuns].reduce(
      (sum, run) => sum + run.non2xx + run.errors,
      0,
    );
    const met =
      healthRatio >= TARGET_HEALTH &&
      meRatio >= TARGET_ME &&
      meP97_5 < TARGET_ME_P97_5_MS &&
      failures === 0;
    console.log(
      `\nmedian req/s: bare /health ${rps(bareRuns).toFixed(0)}, ours /health ${rps(healthRuns).toFixed(0)}, ` +
        `ours /users/me ${rps(meRuns).toFixed(0)} (p97.5 ${meP97_5} ms), non-2xx + errors ${failures}`,
    );
    console.log(
      `ratio ours/bare /health = ${healthRatio.toFixed(2)} (target >= ${TARGET_HEALTH}), ` +
        `/users/me : /health = ${meRatio.toFixed(2)} (target >= ${TARGET_ME}, p97.5 ${meP97_5} ms < ${TARGET_ME_P97_5_MS}): ` +
        `${met ? 'met' : 'MISSED'}`,
    );
    if (!met) process.exitCode = 1;
  } finally {
    await Promise.all([bare.stop(), ours.stop()]);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
