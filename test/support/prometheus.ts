import type TestAgent from 'supertest/lib/agent';

/** One line of Prometheus's text format: a sample's name, labels and value. */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

/** A scrape, parsed, with the questions the metric specs ask of it. */
export class Scrape {
  constructor(readonly samples: readonly Sample[]) {}

  static parse(text: string): Scrape {
    const samples: Sample[] = [];
    for (const line of text.split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
      if (!match) throw new Error(`not a Prometheus sample: ${line}`);
      samples.push({
        name: match[1],
        labels: parseLabels(match[2] ?? ''),
        value: number(match[3]),
      });
    }
    return new Scrape(samples);
  }

  /** Every sample name (histograms: `_bucket`, `_sum`, `_count`). */
  get names(): ReadonlySet<string> {
    return new Set(this.samples.map((sample) => sample.name));
  }

  /** The samples of `name` whose labels include `labels`. */
  series(name: string, labels: Record<string, string> = {}): Sample[] {
    return this.samples.filter(
      (sample) =>
        sample.name === name &&
        Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
    );
  }

  /** The value of exactly one series; fails the test when there is none or several. */
  value(name: string, labels: Record<string, string> = {}): number {
    const found = this.series(name, labels);
    if (found.length !== 1) {
      throw new Error(
        `expected one series ${name}${JSON.stringify(labels)}, found ${found.length}`,
      );
    }
    return found[0].value;
  }
}

/** GET /metrics of the app (with the operator token when given), parsed. */
export async function scrape(http: TestAgent, opsToken?: string): Promise<Scrape> {
  let request = http.get('/metrics');
  if (opsToken) request = request.set('Authorization', `Bearer ${opsToken}`);
  const res = await request.expect(200);
  return Scrape.parse(res.text);
}

/** GET <url>/metrics over plain HTTP (the worker's listener), parsed. */
export async function scrapeUrl(baseUrl: string, opsToken?: string): Promise<Scrape> {
  const res = await fetch(`${baseUrl}/metrics`, {
    headers: opsToken ? { authorization: `Bearer ${opsToken}` } : {},
  });
  if (res.status !== 200) throw new Error(`${baseUrl}/metrics answered ${res.status}`);
  return Scrape.parse(await res.text());
}

function parseLabels(text: string): Record<string, string> {
  const labels: Record<string, string> = {};
  const pattern = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)",?/g;
  for (const match of text.matchAll(pattern)) {
    labels[match[1]] = match[2].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
  }
  return labels;
}

function number(text: string): number {
  if (text === '+Inf') return Infinity;
  if (text === '-Inf') return -Infinity;
  return Number(text);
}
