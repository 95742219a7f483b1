import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/**
 * A PyPI tool in its own virtualenv under `.tools/` (gitignored), installed on first use so a
 * fresh machine needs only Python 3. Pinned, so a new release cannot change what CI checks.
 * Throws (never skips) when it cannot be installed.
 */
export function ensurePythonTool(name: string, version: string, executable = name): string {
  const venv = join(ROOT, '.tools', `${name}-${version}`);
  const bin = join(venv, 'bin', executable);
  if (existsSync(bin)) return bin;
  run(pythonCommand(), ['-m', 'venv', venv]);
  run(join(venv, 'bin', 'pip'), [
    'install',
    '--quiet',
    '--disable-pip-version-check',
    `${name}==${version}`,
  ]);
  if (!existsSync(bin)) throw new Error(`${name} ${version} installed but ${bin} is missing`);
  return bin;
}

function pythonCommand(): string {
  for (const candidate of ['python3', 'python']) {
    if (spawnSync(candidate, ['--version']).status === 0) return candidate;
  }
  throw new Error(
    'Python 3 is needed to install the contract fuzzer (schemathesis): install python3',
  );
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 600_000 });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  }
}
