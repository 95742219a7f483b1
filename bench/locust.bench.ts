/**
 * The user journey under load with Locust (bench/locust/locustfile.py): register, sign in, create
 * projects, answer the clarifications, poll generation-status, iterate, read back, chat.
 *
 *   npm run bench:locust     # BENCH_USERS=20 BENCH_SPAWN_RATE=5 BENCH_DURATION=60 by default
 *   BENCH_URL=https://staging.example.com npm run bench:locust   # an existing deployment
 *
 * Installs Locust from PyPI into .tools/locust-venv (bench/locust/requirements.txt) on first run.
 * Without BENCH_URL it starts throwaway FerretDB and Redis and the real app (workers in-process,
 * the offline drafter since no model key is set), with RATE_LIMIT_AUTH_PER_MINUTE raised: every
 * simulated user signs up from this one IP. Locust runs headless for BENCH_DURATION seconds (plus
 * up to 30 s for tasks in flight), then this prints p50/p95/p99 per endpoint and the failures.
 */
import { NestExpressApplication } from '@nestjs/platform-express';
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  closeSync,
  existsSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBenchApp } from './support/bench-app';
import { withBenchServices } from './support/bench-services';

const USERS = Number(process.env.BENCH_USERS ?? 20);
const SPAWN_RATE = Number(process.env.BENCH_SPAWN_RATE ?? 5);
const DURATION_S = Number(process.env.BENCH_DURATION ?? 60);
const STOP_TIMEOUT_S = 30;
const ROOT = join(__dirname, '..');
const LOCUST_DIR = join(ROOT, 'bench', 'locust');
const VENV = join(ROOT, '.tools', 'locust-venv');

/** The app this bench starts: auth limits out of the way (one IP for every simulated user). */
const APP_OVERRIDES = { RATE_LIMIT_AUTH_PER_MINUTE: '100000' };

async function main(): Promise<void> {
  const locust = ensureLocust();
  if (process.env.BENCH_URL) {
    process.exitCode = await runLocust(locust, process.env.BENCH_URL.replace(/\/+$/, ''));
    return;
  }
  await withBenchServices('locust-bench', async (env) => {
    let app: NestExpressApplication | undefined;
    try {
      const started = await startBenchApp({ ...env, ...APP_OVERRIDES });
      app = started.app;
      console.log(`App on ${started.base} (offline drafter, workers in-process, ${describe()})`);
      process.exitCode = await runLocust(locust, started.base);
    } finally {
      await app?.close();
    }
  });
}

function describe(): string {
  return `${USERS} users, spawn ${SPAWN_RATE}/s, ${DURATION_S} s`;
}

/** .tools/locust-venv with bench/locust/requirements.txt, reinstalled when that file changes. */
function ensureLocust(): string {
  const requirements = join(LOCUST_DIR, 'requirements.txt');
  const stamp = join(VENV, '.requirements-sha256');
  const wanted = createHash('sha256').update(readFileSync(requirements)).digest('hex');
  const binary = join(VENV, 'bin', 'locust');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return binary;
  console.log('Installing Locust from PyPI into .tools/locust-venv…');
  rmSync(VENV, { recursive: true, force: true });
  mustRun('python3', ['-m', 'venv', VENV]);
  mustRun(join(VENV, 'bin', 'python'), [
    '-m',
    'pip',
    'install',
    '--quiet',
    '--disable-pip-version-check',
    '-r',
    requirements,
  ]);
  writeFileSync(stamp, wanted);
  return binary;
}

function mustRun(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed`);
}

/** Runs Locust headless and bounded; prints the per-endpoint table; resolves to its exit code. */
async function runLocust(locust: string, host: string): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'prd-forge-locust-'));
  try {
    const args = [
      ...['-f', join(LOCUST_DIR, 'locustfile.py'), '--headless', '--host', host],
      ...['-u', String(USERS), '-r', String(SPAWN_RATE), '-t', `${DURATION_S}s`],
      ...['--stop-timeout', String(STOP_TIMEOUT_S), '--csv', join(dir, 'run'), '--only-summary'],
      ...['--loglevel', 'WARNING'],
    ];
    console.log(`Locust against ${host}: ${describe()}`);
    const log = join(dir, 'locust.log');
    const turnaround = join(dir, 'turnaround.json');
    const code = await new Promise<number>((resolve, reject) => {
      const out = openSync(log, 'w');
      const child = spawn(locust, args, {
        stdio: ['ignore', out, out],
        env: { ...process.env, PRD_FORGE_TURNAROUND_FILE: turnaround },
      });
      // Belt and braces: Locust stops itself; this stops a hung one.
      const guard = setTimeout(
        () => child.kill('SIGKILL'),
        (DURATION_S + STOP_TIMEOUT_S + 60) * 1000,
      );
      child.once('error', reject);
      child.once('exit', (status) => {
        clearTimeout(guard);
        closeSync(out);
        resolve(status ?? 1);
      });
    });
    const statsFile = join(dir, 'run_stats.csv');
    if (!existsSync(statsFile)) {
      console.error(readFileSync(log, 'utf8').split('\n').slice(-40).join('\n'));
      throw new Error(`Locust wrote no statistics (exit ${code})`);
    }
    printTable(readCsv(statsFile));
    printTurnaround(turnaround);
    printFailures(readCsv(join(dir, 'run_failures.csv')));
    return code;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

type Row = Record<string, string>;

/** Locust's CSVs: a header line, quoted fields, no embedded newlines in the columns we read. */
function readCsv(file: string): Row[] {
  if (!existsSync(file)) return [];
  const [header, ...lines] = readFileSync(file, 'utf8').trim().split('\n').map(splitCsvLine);
  return lines.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])));
}

function splitCsvLine(line: string): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i];
    if (quoted && char === '"' && line[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (char === '"') {
      quoted = !quoted;
    } else if (char === ',' && !quoted) {
      cells.push(cell);
      cell = '';
    } else {
      cell += char;
    }
  }
  cells.push(cell);
  return cells;
}

function printTable(rows: Row[]): void {
  const columns = ['requests', 'failures', 'req/s', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'];
  console.log(`\n| endpoint | ${columns.join(' | ')} |`);
  console.log(`|---|${columns.map(() => '---:').join('|')}|`);
  for (const row of rows) {
    // Request names carry their method already (see the locustfile).
    const name = row.Name === 'Aggregated' ? '**all requests**' : row.Name;
    const cells = [
      row['Request Count'],
      row['Failure Count'],
      Number(row['Requests/s']).toFixed(1),
      row['50%'],
      row['95%'],
      row['99%'],
      Math.round(Number(row['Max Response Time'])).toString(),
    ];
    console.log(`| ${name} | ${cells.join(' | ')} |`);
  }
}

/** POST to `completed` per kind of agent task, polled every 0.5 s (so at 0.5 s resolution). */
function printTurnaround(file: string): void {
  if (!existsSync(file)) return;
  const kinds = JSON.parse(readFileSync(file, 'utf8')) as Record<string, number[]>;
  const entries = Object.entries(kinds).filter(([, seconds]) => seconds.length > 0);
  if (entries.length === 0) return;
  console.log('\n| agent task, POST to completed | tasks | p50 s | p95 s | max s |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [kind, seconds] of entries.sort(([a], [b]) => a.localeCompare(b))) {
    const sorted = [...seconds].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    const cells = [sorted.length, at(0.5), at(0.95), sorted[sorted.length - 1]];
    console.log(
      `| ${kind} | ${cells.map((value, i) => (i === 0 ? value : value.toFixed(1))).join(' | ')} |`,
    );
  }
}

function printFailures(rows: Row[]): void {
  if (rows.length === 0) {
    console.log('\nNo failures.');
    return;
  }
  console.log('\nFailures:');
  for (const row of rows) {
    console.log(`  ${row.Occurrences}× ${row.Method} ${row.Name}: ${row.Error.slice(0, 200)}`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
