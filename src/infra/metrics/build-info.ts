import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface BuildInfo {
  readonly version: string;
  readonly commit: string;
  readonly nodeVersion: string;
}

/**
 * What `prd_forge_build_info` says: package.json's version (found upwards from this file, which
 * is as deep under src/ as under dist/), the commit when the build was given one, and Node's
 * version. Read once per process.
 */
export function readBuildInfo(commit: string | undefined): BuildInfo {
  return {
    version: (packageVersion ??= readPackageVersion()),
    commit: commit ?? 'unknown',
    nodeVersion: process.versions.node,
  };
}

let packageVersion: string | undefined;

function readPackageVersion(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : 'unknown';
  }
  return 'unknown';
}
