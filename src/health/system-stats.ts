import { statfs } from 'node:fs/promises';
import { cpus, freemem, loadavg, totalmem } from 'node:os';

const MB = 1024 * 1024;

export interface SystemStats {
  memory: { rss_mb: number; heap_used_mb: number; system_free_mb: number; system_total_mb: number };
  cpu: {
    cores: number;
    load_average: number[];
    process_user_ms: number;
    process_system_ms: number;
  };
  disk:
    | { path: string; free_mb: number; total_mb: number; used_percent: number }
    | { path: string; error: string };
}

export async function readSystemStats(dataDir: string): Promise<SystemStats> {
  const memory = process.memoryUsage();
  const usage = process.cpuUsage();
  return {
    memory: {
      rss_mb: round(memory.rss / MB),
      heap_used_mb: round(memory.heapUsed / MB),
      system_free_mb: round(freemem() / MB),
      system_total_mb: round(totalmem() / MB),
    },
    cpu: {
      cores: cpus().length,
      load_average: loadavg().map(round),
      process_user_ms: round(usage.user / 1000),
      process_system_ms: round(usage.system / 1000),
    },
    disk: await readDisk(dataDir),
  };
}

async function readDisk(path: string): Promise<SystemStats['disk']> {
  try {
    const stats = await statfs(path);
    const total = stats.blocks * stats.bsize;
    const free = stats.bavail * stats.bsize;
    return {
      path,
      free_mb: round(free / MB),
      total_mb: round(total / MB),
      used_percent: total > 0 ? round(((total - free) / total) * 100) : 0,
    };
  } catch (error) {
    return { path, error: (error as Error).message };
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
