import autocannon from 'autocannon';

export interface Figures {
  readonly label: string;
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p97_5: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly errors: number;
}

/** One autocannon run, in this process (the servers under test are child processes). */
export async function load(
  label: string,
  url: string,
  options: { connections: number; duration: number; headers?: Record<string, string> },
): Promise<Figures> {
  const result = await autocannon({
    url,
    headers: options.headers ?? {},
    connections: options.connections,
    duration: options.duration,
  });
  return {
    label,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

export function row(figures: Figures): string {
  return (
    `${figures.label.padEnd(28)} ${figures.requestsPerSecond.toFixed(0).padStart(7)} req/s   ` +
    `p50 ${String(figures.p50).padStart(4)} ms   p97.5 ${String(figures.p97_5).padStart(4)} ms   ` +
    `non-2xx ${figures.non2xx}   errors ${figures.errors}`
  );
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
