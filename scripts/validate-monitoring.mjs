// `npm run validate:monitoring`: checks deploy/monitoring with promtool: the alert rules' syntax
// and PromQL (check rules), their unit tests (test rules: each alert fires on series shaped like
// the app's and stays quiet below its threshold), the Prometheus configuration (check config),
// and every Grafana panel's PromQL (loaded as recording rules). promtool is built on first run
// with Go from the Go module proxy (pinned in tools/promtool) into .tools/. That the metrics
// these files name exist is checked against the running app by test/e2e/monitoring.e2e-spec.ts.
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root, run } from './ensure-deps.mjs';

const tools = join(root, '.tools');
const pin = join(root, 'tools', 'promtool');
const prometheus = join(root, 'deploy', 'monitoring', 'prometheus');
const dashboards = join(root, 'deploy', 'monitoring', 'grafana');

function ensurePromtool() {
  const goMod = readFileSync(join(pin, 'go.mod'), 'utf8');
  const version = /^require github\.com\/prometheus\/prometheus (v\S+)$/m.exec(goMod)?.[1];
  if (!version)
    throw new Error('tools/promtool/go.mod does not pin github.com/prometheus/prometheus');
  const binary = join(tools, 'bin', `promtool-${version}`);
  if (existsSync(binary)) return binary;
  console.log(
    `Building promtool (prometheus ${version}) with Go into .tools/ (first run only, a few minutes)…`,
  );
  const buildDir = join(tools, 'promtool-build');
  mkdirSync(buildDir, { recursive: true });
  mkdirSync(join(tools, 'bin'), { recursive: true });
  for (const file of ['go.mod', 'go.sum', 'tools.go'])
    cpSync(join(pin, file), join(buildDir, file));
  const partial = `${binary}.partial-${process.pid}`;
  run(
    'go',
    [
      'build',
      '-mod=mod',
      '-trimpath',
      '-o',
      partial,
      'github.com/prometheus/prometheus/cmd/promtool',
    ],
    { cwd: buildDir, env: { ...process.env, GOTOOLCHAIN: 'local', CGO_ENABLED: '0', GOFLAGS: '' } },
  );
  renameSync(partial, binary);
  return binary;
}

/** Every dashboard query as a recording rule, so promtool parses it as Prometheus would. */
function dashboardRules(dir) {
  const groups = [];
  for (const file of ['prd-forge-dashboard.json']) {
    const dashboard = JSON.parse(readFileSync(join(dashboards, file), 'utf8'));
    const rules = dashboard.panels
      .filter((panel) => panel.type !== 'row')
      .flatMap((panel) =>
        panel.targets.map((target) => ({
          record: `dashboard:panel_${panel.id}_${target.refId}`,
          expr: target.expr,
        })),
      );
    groups.push({ name: file, rules });
  }
  const path = join(dir, 'dashboard-queries.rules.json');
  // JSON is YAML: promtool reads it as a rule file.
  writeFileSync(path, JSON.stringify({ groups }));
  return path;
}

const promtool = ensurePromtool();
const dir = mkdtempSync(join(tmpdir(), 'prd-forge-monitoring-'));
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));

run(promtool, ['check', 'rules', join(prometheus, 'prd-forge-alerts.yaml')]);
run(promtool, ['test', 'rules', 'prd-forge-alerts.test.yaml'], { cwd: prometheus });
// --syntax-only: the bearer token file exists only where Prometheus runs.
run(promtool, ['check', 'config', '--syntax-only', join(prometheus, 'prometheus.yaml')]);
run(promtool, ['check', 'rules', dashboardRules(dir)]);
console.log(
  'deploy/monitoring: alert rules, their unit tests, the Prometheus config and the dashboard queries are valid',
);
