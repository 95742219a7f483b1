import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { aptInstall } from './apt';

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
  const python = pythonCommand();
  if (spawnSync(python, ['-m', 'venv', venv]).status !== 0) {
    // Debian ships venv and pip apart from python3.
    rmSync(venv, { recursive: true, force: true });
    aptInstall(['python3-venv', 'python3-pip']);
    run(python, ['-m', 'venv', venv]);
  }
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
  const found = () => ['python3', 'python'].find((name) => isPython3(name));
  let python = found();
  if (!python) {
    aptInstall(['python3']);
    python = found();
  }
  if (!python) {
    throw new Error(
      'Python 3 is needed to install the contract fuzzer (schemathesis): install python3',
    );
  }
  return python;
}

function isPython3(command: string): boolean {
  const version = spawnSync(command, ['--version'], { encoding: 'utf8' });
  return version.status === 0 && /Python 3\./.test(`${version.stdout}${version.stderr}`);
}

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 600_000 });
  if (result.status !== 0) {
    throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  }
}
