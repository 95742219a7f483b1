import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { load } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig } from '@/config/app-config';
import { WorkerModule } from '@/worker/worker.module';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser } from '@test/support/factories';
import { freePort } from '@test/support/free-port';
import { scrape, Scrape, scrapeUrl } from '@test/support/prometheus';
import { matches, vectorSelectors, VectorSelector } from '@test/support/promql';

const MONITORING = join(__dirname, '..', '..', 'deploy', 'monitoring');
const OPS_TOKEN = 'ops-token-for-the-monitoring-spec';
/** The scrape jobs of deploy/monitoring/prometheus/prometheus.yaml. */
const JOBS = ['prd-forge-api', 'prd-forge-worker'] as const;
type Job = (typeof JOBS)[number];
/** Series Prometheus writes itself for every target, not the app. */
const WRITTEN_BY_PROMETHEUS = new Set(['up']);

interface AlertRule {
  alert?: string;
  record?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}
interface RuleFile {
  groups: { name: string; rules: AlertRule[] }[];
}
interface Panel {
  id: number;
  type: string;
  title: string;
  datasource?: { uid: string };
  targets?: { expr: string; refId: string; datasource?: { uid: string } }[];
}

const rules = load(
  readFileSync(join(MONITORING, 'prometheus', 'prd-forge-alerts.yaml'), 'utf8'),
) as RuleFile;
const dashboard = JSON.parse(
  readFileSync(join(MONITORING, 'grafana', 'prd-forge-dashboard.json'), 'utf8'),
) as { uid: string; title: string; panels: Panel[] };
const prometheusConfig = load(
  readFileSync(join(MONITORING, 'prometheus', 'prometheus.yaml'), 'utf8'),
) as { rule_files: string[]; scrape_configs: { job_name: string }[] };

const alerts = rules.groups.flatMap((group) => group.rules);
const panels = dashboard.panels.filter((panel) => panel.type !== 'row');
/** Every PromQL expression shipped, named by where it comes from. */
const expressions: [string, string][] = [
  ...alerts.map((rule): [string, string] => [`alert ${rule.alert}`, rule.expr]),
  ...panels.flatMap((panel) =>
    (panel.targets ?? []).map((target): [string, string] => [
      `panel "${panel.title}" ${target.refId}`,
      target.expr,
    ]),
  ),
];

describe('Monitoring files: alert rules, Prometheus configuration, Grafana dashboard', () => {
  it('reads PromQL selectors the way the checks below rely on', () => {
    const found = vectorSelectors(
      'histogram_quantile(0.95, sum by (le, route) (rate(a_bucket{job="x", route=~"/c/[^/]+"}[5m])))' +
        ' / on (q) group_left b > 1 and max(c offset 5m) unless d{s!="1e3"} or label_replace(e, "x", "$1", "y", "(.*)")',
    );
    expect(found).toEqual([
      {
        metric: 'a_bucket',
        matchers: [
          { label: 'job', op: '=', value: 'x' },
          { label: 'route', op: '=~', value: '/c/[^/]+' },
        ],
      },
      { metric: 'b', matchers: [] },
      { metric: 'c', matchers: [] },
      { metric: 'd', matchers: [{ label: 's', op: '!=', value: '1e3' }] },
      { metric: 'e', matchers: [] },
    ]);
    expect(
      matches({ label: 'job', op: '=~', value: 'prd-forge-(api|worker)' }, 'prd-forge-api'),
    ).toBe(true);
    expect(matches({ label: 'job', op: '=~', value: 'prd-forge' }, 'prd-forge-api')).toBe(false);
  });

  it('has an alert for each thing on-call must hear about, each with a severity and words', () => {
    const names = alerts.map((rule) => rule.alert);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining([
        'PrdForgeHighErrorRate',
        'PrdForgeHighLatencyP95',
        'PrdForgeQueueBacklog',
        'PrdForgeJobsFailing',
        'PrdForgeLlmProviderFailing',
        'PrdForgeLlmUnavailable',
        'PrdForgeLlmCostPerHourHigh',
        'PrdForgeLlmCircuitOpen',
        'PrdForgeWorkersDown',
      ]),
    );
    for (const rule of alerts) {
      expect(rule).toMatchObject({
        alert: expect.stringMatching(/^PrdForge[A-Za-z0-9]+$/),
        expr: expect.any(String),
        labels: { severity: expect.stringMatching(/^(critical|warning|info)$/) },
        annotations: { summary: expect.any(String), description: expect.any(String) },
      });
      if (rule.for !== undefined) expect(rule.for).toMatch(/^\d+[smh]$/);
      expect(vectorSelectors(rule.expr).length).toBeGreaterThan(0);
    }
  });

  it('scrapes the jobs the rules name and loads the rules', () => {
    expect(prometheusConfig.scrape_configs.map((job) => job.job_name).sort()).toEqual([...JOBS]);
    expect(prometheusConfig.rule_files).toEqual(['prd-forge-alerts.yaml']);
  });

  it('has a dashboard whose every panel queries the chosen Prometheus', () => {
    expect(dashboard).toMatchObject({ uid: 'prd-forge-overview', title: 'PRD Forge' });
    const ids = dashboard.panels.map((panel) => panel.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(panels.length).toBeGreaterThan(20);
    for (const panel of panels) {
      expect(panel.datasource?.uid).toBe('${datasource}');
      expect(panel.targets?.length).toBeGreaterThan(0);
      for (const target of panel.targets ?? []) {
        expect(target.datasource?.uid).toBe('${datasource}');
        expect(vectorSelectors(target.expr).length).toBeGreaterThan(0);
      }
    }
  });

  describe('against the real API and worker', () => {
    let api: TestApp;
    let worker: INestApplicationContext | undefined;
    const scrapes = {} as Record<Job, Scrape>;

    beforeAll(async () => {
      // The production shape: the API consumes no queue, a worker process does.
      api = await createTestApp({ RUN_WORKERS_IN_API: 'false', OPS_TOKEN });
      const port = await freePort();
      worker = await NestFactory.createApplicationContext(
        WorkerModule.register(
          AppConfig.from({
            ...api.config,
            http: { ...api.config.http, host: '127.0.0.1' },
            workers: { ...api.config.workers, metricsPort: port },
          }),
        ),
        { logger: false },
      );
      await worker.init();
      // A few requests, so the HTTP histogram has the labels the rules select on.
      await aSignedInUser(api.http);
      await api.http.get('/health').expect(200);
      await api.http.get('/no-such-route').expect(404);
      scrapes['prd-forge-api'] = await scrape(api.http, OPS_TOKEN);
      scrapes['prd-forge-worker'] = await scrapeUrl(`http://127.0.0.1:${port}`, OPS_TOKEN);
    });
    afterAll(async () => {
      await worker?.close();
      await api.close();
    });

    /** What is wrong with one selector: a metric, label or value the scrapes it targets lack. */
    const problemsOf = (where: string, selector: VectorSelector): string[] => {
      if (WRITTEN_BY_PROMETHEUS.has(selector.metric)) return [];
      const job = selector.matchers.find((matcher) => matcher.label === 'job');
      const targets = job ? JOBS.filter((name) => matches(job, name)) : [...JOBS];
      if (targets.length === 0) return [`${where}: job matcher ${job?.value} names no scrape job`];
      const problems: string[] = [];
      // With a job matcher the metric must be on each job it names; without one, on some job.
      const having = targets.filter((name) => scrapes[name].names.has(selector.metric));
      const missing = targets.filter((name) => !having.includes(name));
      if (having.length === 0 || (job && missing.length > 0)) {
        return [`${where}: ${selector.metric} is not in /metrics of ${missing.join(' and ')}`];
      }
      const series = having.flatMap((name) => scrapes[name].series(selector.metric));
      for (const matcher of selector.matchers) {
        if (matcher.label === 'job') continue;
        if (!series.some((sample) => matcher.label in sample.labels)) {
          problems.push(`${where}: ${selector.metric} has no label ${matcher.label}`);
        } else if (
          matcher.op === '=' &&
          !series.some((sample) => sample.labels[matcher.label] === matcher.value)
        ) {
          problems.push(`${where}: ${selector.metric} has no ${matcher.label}="${matcher.value}"`);
        }
      }
      return problems;
    };

    it('exports every metric, label and value the alerts and the dashboard read', () => {
      const problems = expressions.flatMap(([where, expr]) =>
        vectorSelectors(expr).flatMap((selector) => problemsOf(where, selector)),
      );
      expect(problems).toEqual([]);
    });

    it('would notice a metric or a label that is not exported', () => {
      expect(
        problemsOf('probe', { metric: 'prd_forge_no_such_metric', matchers: [] }),
      ).toHaveLength(1);
      // The API consumes no queue here, so job outcomes are the worker's alone.
      expect(
        problemsOf('probe', {
          metric: 'job_duration_seconds_count',
          matchers: [{ label: 'job', op: '=', value: 'prd-forge-api' }],
        }),
      ).toHaveLength(1);
      expect(
        problemsOf('probe', {
          metric: 'bullmq_queue_jobs',
          matchers: [{ label: 'state', op: '=', value: 'stuck' }],
        }),
      ).toHaveLength(1);
      expect(
        problemsOf('probe', {
          metric: 'bullmq_queue_jobs',
          matchers: [{ label: 'status', op: '=~', value: 'waiting' }],
        }),
      ).toHaveLength(1);
    });
  });
});
