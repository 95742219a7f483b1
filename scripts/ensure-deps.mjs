// Dependency-free helpers for the two README commands: they run before node_modules exists.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const root = new URL('..', import.meta.url).pathname;

export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
  if (result.status !== 0) {
    console.error(`\n\`${command} ${args.join(' ')}\` failed (exit ${result.status ?? result.signal}).`);
    process.exit(result.status ?? 1);
  }
}

function mtime(path) {
  return existsSync(path) ? statSync(path).mtimeMs : 0;
}

/**
 * Installs from the lockfile when node_modules is missing or older than it. `npm install`, not
 * `npm ci`: the registry mirror here lacks some other platforms' optional binaries, which npm
 * leaves out of the lockfile and `npm ci` then refuses as "out of sync".
 */
export function ensureNodeModules() {
  const installed = join(root, 'node_modules', '.package-lock.json');
  if (mtime(installed) >= mtime(join(root, 'package-lock.json'))) return;
  console.log('Installing npm dependencies…');
  run('npm', ['install', '--no-audit', '--no-fund']);
}

function newestIn(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : mtime(path));
  }
  return newest;
}

/** nest build when dist/ is missing or older than any source or config file. */
export function ensureBuild() {
  const builtAt = mtime(join(root, 'dist', 'main.js'));
  const sourcesAt = Math.max(
    newestIn(join(root, 'src')),
    mtime(join(root, 'package-lock.json')),
    mtime(join(root, 'tsconfig.json')),
    mtime(join(root, 'tsconfig.build.json')),
  );
  if (builtAt >= sourcesAt) return;
  console.log('Building (nest build)…');
  run('npx', ['nest', 'build']);
}
