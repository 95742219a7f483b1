/**
 * Does a read cost more as the collection behind it grows? p50/p95/p99 of the paged reads at
 * three sizes, in one table:
 *   - GET /projects, first page and a deep page (offset near the end), for a user with N projects;
 *   - GET /projects/{id} (which lists the whole version history) and GET /projects/{id}/versions,
 *     first page and a cursor page deep in the history, for a project with V versions;
 *   - GET /chats/{id}/messages, newest page and a `before` page deep in the history, N messages.
 *
 *   npm run bench:growth     # BENCH_GROWTH_SIZES=100,1000,10000 BENCH_GROWTH_VERSIONS=100,500,1000
 *                            # BENCH_REQUESTS=200 (per route and size, after 20 to warm up)
 *                            # BENCH_ROUTE_SECONDS=60 (fewer samples, 20 at least, past it)
 *
 * Versions stop at 1,000 (a project may hold 500, VERSIONS_MAX_PER_PROJECT; the bench raises it).
 * Throwaway FerretDB and Redis, the real app in this process (LOG_LEVEL=warn), one request at a
 * time, the routes taken in turn. Each size is seeded straight into the store through the app's
 * own models (see support/growth-seed.ts) after the previous size's documents are removed, so
 * every collection holds that size only; each answer is checked once (status, page size, total,
 * first item) before the clock starts. Then how the store runs each query (explain), the table,
 * and on the last line p95 at the largest size over p95 at the smallest, per route, and whether
 * every p95 is under 50 ms.
 */
import { NestExpressApplication } from '@nestjs/platform-express';
import { loadavg } from 'node:os';
import { apiClient, ApiClient, signedInToken, startBenchApp } from './support/bench-app';
import { withBenchServices } from './support/bench-services';
import { GrowthSeeder } from './support/growth-seed';
import { queryPlans } from './support/query-plans';
import { LatencySummary, markdownTable, ms, summarize, triple } from './support/stats';

const sizes = (name: string, fallback: string) =>
  (process.env[name] ?? fallback).split(',').map((size) => Number(size));
const ITEMS = sizes('BENCH_GROWTH_SIZES', '100,1000,10000');
const VERSIONS = sizes('BENCH_GROWTH_VERSIONS', '100,500,1000');
const REQUESTS = Number(process.env.BENCH_REQUESTS ?? 200);
const WARM_UP = 20;
/** A size whose reads are slow gets fewer samples: at least this many, else what fits in time. */
const MIN_SAMPLES = 20;
const ROUTE_BUDGET_MS = Number(process.env.BENCH_ROUTE_SECONDS ?? 60) * 1000;
const WARM_UP_BUDGET_MS = 10_000;
const TARGET_P95_MS = 50;
const PAGE = 20;

interface Route {
  readonly label: string;
  readonly path: string;
  /** What a correct answer holds; a message when it does not. */
  readonly check: (body: Record<string, unknown>) => string | null;
}

interface Level {
  readonly items: number;
  readonly versions: number;
  readonly routes: Route[];
}

async function main(): Promise<void> {
  if (ITEMS.length !== VERSIONS.length) throw new Error('as many version sizes as item sizes');
  await withBenchServices('growth-bench', async (env) => {
    let app: NestExpressApplication | undefined;
    try {
      const started = await startBenchApp({
        ...env,
        RATE_LIMIT_AUTH_PER_MINUTE: '1000',
        ARGON2_MEMORY_KIB: '8192',
        ARGON2_TIME_COST: '1',
        VERSIONS_MAX_PER_PROJECT: String(Math.max(...VERSIONS) + 10),
      });
      app = started.app;
      const seeder = new GrowthSeeder(app);
      const results: Measured[][] = [];
      let previousUser: string | null = null;
      let labels: string[] = [];
      for (const [index, items] of ITEMS.entries()) {
        if (previousUser) await seeder.clear(previousUser);
        const seeded = performance.now();
        const level = await seedLevel(started.base, seeder, index, items, VERSIONS[index]);
        console.log(
          `seeded ${items} projects, ${level.versions} versions, ${items} messages in ` +
            `${((performance.now() - seeded) / 1000).toFixed(1)} s; collections now hold ` +
            `${JSON.stringify(await seeder.totals())}`,
        );
        if (index === ITEMS.length - 1) await printPlans(app, level);
        results.push(await measure(level));
        labels = level.routes.map((route) => route.label);
        previousUser = level.userId;
      }
      report(labels, results);
    } finally {
      await app?.close();
    }
  });
}

interface SeededLevel extends Level {
  readonly api: ApiClient;
  readonly userId: string;
  readonly projectId: string;
  readonly chatId: string;
  readonly deepBefore: Date;
}

async function seedLevel(
  base: string,
  seeder: GrowthSeeder,
  index: number,
  items: number,
  versions: number,
): Promise<SeededLevel> {
  const token = await signedInToken(base, `growth-${index}`);
  const api = apiClient(base, token);
  const userId = (await api('GET', '/api/v1/users/me', { expect: 200 })).body.id as string;

  // The measured project: made through HTTP, its history seeded, its newest version a real save.
  await seeder.projectsOf(userId, items - 1);
  const created = await api('POST', '/api/v1/projects', {
    body: { initial_idea: 'A marketplace where small businesses hire vetted freelancers' },
    expect: 201,
  });
  const projectId = created.body.project_id as string;
  await seeder.versionsOf(userId, projectId, versions - 1);
  await api('POST', `/api/v1/projects/${projectId}/versions`, {
    body: {
      prd_content: '# PRD\n\n## Discovery\nFreelancers and the small businesses that hire them.\n',
      flowchart_content: 'graph TD\n  A[Client] --> B[Freelancer]\n',
      changes: 'Manual edit',
    },
    expect: 201,
  });

  const chat = await api('POST', '/api/v1/chats', { body: { chat_name: 'Growth' }, expect: 201 });
  const chatId = chat.body.chat_id as string;
  const timeOf = await seeder.messagesOf(userId, chatId, items);
  // The oldest full page but one: messages 2…51 (message 1 is left, so has_more holds).
  const deepBefore = timeOf(52);
  const last = `v1.${versions - 1}`;
  const projects = `/api/v1/projects?limit=${PAGE}`;
  const routes: Route[] = [
    {
      label: 'GET /projects (first page)',
      path: projects,
      check: (body) =>
        expectPage(body.projects, PAGE, body.total === items, `total ${String(body.total)}`) ??
        (first(body.projects)?.id === projectId ? null : 'newest project not first'),
    },
    {
      label: 'GET /projects (deep page, offset N-20)',
      path: `${projects}&offset=${items - PAGE}`,
      check: (body) =>
        expectPage(body.projects, PAGE, body.total === items, `total ${String(body.total)}`),
    },
    {
      label: 'GET /projects/{id} (V versions)',
      path: `/api/v1/projects/${projectId}`,
      check: ({ project }) => {
        const detail = project as { version_history?: unknown[]; current_version?: string };
        if (detail.version_history?.length !== versions) return 'version_history incomplete';
        return detail.current_version === last ? null : `current ${detail.current_version}`;
      },
    },
    {
      label: 'GET /projects/{id}/versions (first page)',
      path: `/api/v1/projects/${projectId}/versions`,
      check: (body) =>
        expectPage(body.versions, 50, body.has_more === true, 'has_more') ??
        (first(body.versions)?.version === last ? null : 'newest version not first'),
    },
    {
      label: 'GET /projects/{id}/versions (cursor v1.51)',
      path: `/api/v1/projects/${projectId}/versions?cursor=v1.51`,
      check: (body) =>
        expectPage(body.versions, 50, body.has_more === true, 'has_more') ??
        (first(body.versions)?.version === 'v1.50' ? null : 'not v1.50 first'),
    },
    {
      label: 'GET /chats/{id}/messages (newest page)',
      path: `/api/v1/chats/${chatId}/messages`,
      check: (body) =>
        expectPage(body.messages, 50, body.has_more === true, 'has_more') ??
        (lastOf(body.messages)?.seq === items ? null : 'newest message not last'),
    },
    {
      label: 'GET /chats/{id}/messages (before message 52)',
      path: `/api/v1/chats/${chatId}/messages?before=${deepBefore.toISOString()}`,
      check: (body) =>
        expectPage(body.messages, 50, body.has_more === true, 'has_more') ??
        (lastOf(body.messages)?.seq === 51 ? null : 'not up to message 51'),
    },
  ];
  return { items, versions, routes, api, userId, projectId, chatId, deepBefore };
}

function expectPage(list: unknown, size: number, ok: boolean, what: string): string | null {
  if (!Array.isArray(list)) return 'no list';
  if (list.length !== size) return `${list.length} items instead of ${size}`;
  return ok ? null : `wrong ${what}`;
}

const first = (list: unknown) => (list as Record<string, unknown>[])[0];
const lastOf = (list: unknown) => (list as Record<string, unknown>[]).at(-1);

/** One route at one size: the answered requests' latencies, and how many failed (not 200). */
interface Measured {
  readonly summary: LatencySummary;
  readonly errors: number;
}

async function measure(level: SeededLevel): Promise<Measured[]> {
  const errors = level.routes.map(() => 0);
  for (const route of level.routes) {
    const answer = await level.api('GET', route.path);
    // A refusal (a 503 when the store times out) is counted below; a wrong answer stops the run.
    if (answer.status !== 200) continue;
    const problem = route.check(answer.body);
    if (problem) throw new Error(`${route.label} at ${level.items}: ${problem}`);
  }
  const timed = async (index: number) => {
    const started = performance.now();
    const answer = await level.api('GET', level.routes[index].path);
    if (answer.status === 200) return performance.now() - started;
    errors[index] += 1;
    return null;
  };
  // Up to `count` rounds of every route; past `budgetMs`, only until `least` rounds are done.
  const rounds = async (
    count: number,
    least: number,
    budgetMs: number,
    each: (index: number, ms: number | null) => void,
  ) => {
    const deadline = performance.now() + budgetMs;
    let done = 0;
    for (; done < count && (done < least || performance.now() < deadline); done += 1) {
      for (const index of level.routes.keys()) each(index, await timed(index));
    }
    return done;
  };
  await rounds(WARM_UP, 2, WARM_UP_BUDGET_MS, () => undefined);
  errors.fill(0);
  const samples = level.routes.map((): number[] => []);
  // The routes in turn, so a busy moment of the machine falls on all of them alike.
  const taken = await rounds(
    REQUESTS,
    MIN_SAMPLES,
    ROUTE_BUDGET_MS * level.routes.length,
    (index, ms) => {
      if (ms !== null) samples[index].push(ms);
    },
  );
  const load = loadavg()[0].toFixed(1);
  console.log(
    `measured ${level.items} items (${level.versions} versions): ${taken} requests per route, load average ${load}`,
  );
  const measured = samples.map((series, index) => ({
    summary: summarize(series),
    errors: errors[index],
  }));
  for (const [index, route] of level.routes.entries()) {
    console.log(`  ${route.label.padEnd(48)} ${cell(measured[index])}`);
  }
  return measured;
}

/** "p50 / p95 / p99", and the failed requests when there were any. */
function cell({ summary, errors }: Measured): string {
  const failed = errors > 0 ? ` (${errors} failed)` : '';
  return summary.count > 0 ? `${triple(summary)}${failed}` : `all failed${failed}`;
}

async function printPlans(app: NestExpressApplication, level: SeededLevel): Promise<void> {
  const plans = await queryPlans(app, {
    userId: level.userId,
    projectId: level.projectId,
    chatId: level.chatId,
    beforeSeq: 51,
    before: level.deepBefore,
  });
  console.log(`\nHow the store runs each query (explain, at ${level.items} items):`);
  for (const { label, plan } of plans) console.log(`  ${label.padEnd(36)} ${plan}`);
  console.log('');
}

function report(labels: readonly string[], results: readonly Measured[][]): void {
  const sizeLabel = (index: number) =>
    `${ITEMS[index].toLocaleString('en-US')} (V ${VERSIONS[index].toLocaleString('en-US')})`;
  const header = [
    'route (ms: p50 / p95 / p99)',
    ...ITEMS.map((_, index) => sizeLabel(index)),
    'p95 largest / smallest',
  ];
  const p95 = (level: number, route: number) => results[level][route].summary.p95;
  const ratios = labels.map((_, route) => p95(results.length - 1, route) / p95(0, route));
  const times = (ratio: number) => (Number.isFinite(ratio) ? `${ratio.toFixed(2)}x` : 'n/a');
  const rows = labels.map((label, route) => [
    label,
    ...results.map((level) => cell(level[route])),
    times(ratios[route]),
  ]);
  console.log(`\n${markdownTable(header, rows)}\n`);
  const cells = results.flatMap((level, index) =>
    level.map((measured, route) => ({ measured, route, index })),
  );
  const worst = cells.reduce((a, b) =>
    (b.measured.summary.p95 || Infinity) > (a.measured.summary.p95 || Infinity) ? b : a,
  );
  const failed = cells.reduce((sum, { measured }) => sum + measured.errors, 0);
  const worstP95 = worst.measured.summary.p95 || Infinity;
  const met = worstP95 < TARGET_P95_MS && failed === 0;
  console.log(
    `p95 at ${ITEMS.at(-1)} over p95 at ${ITEMS[0]}: ` +
      labels.map((label, route) => `${label} ${times(ratios[route])}`).join(', ') +
      `; ${failed} failed requests; every p95 < ${TARGET_P95_MS} ms: ${met ? 'yes' : 'NO'} ` +
      `(worst ${ms(worstP95)} ms, ${labels[worst.route]} at ${ITEMS[worst.index]})`,
  );
  if (!met) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
