// `npm run validate:k8s`: builds deploy/k8s (the base and every overlay) with kustomize and
// validates the result against the Kubernetes schemas of the versions we target, then checks it
// against the app (deploy/k8s/check_manifests.py). Installs its tools on first run, from the
// Go module proxy (kustomize, pinned in tools/kustomize) and PyPI (kubernetes-validate, which ships
// the schemas), into .tools/. Exits non-zero on any invalid manifest.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { root, run } from './ensure-deps.mjs';

/** The oldest Kubernetes we support (preStop `sleep` needs 1.30+) and the newest schemas shipped. */
const KUBERNETES_VERSIONS = (process.env.K8S_VERSIONS ?? '1.32.0,1.37.0').split(',');
const KUSTOMIZE_VERSION = 'v5.7.1';

const tools = join(root, '.tools');
const k8s = join(root, 'deploy', 'k8s');

function ensureKustomize() {
  const binary = join(tools, 'bin', `kustomize-${KUSTOMIZE_VERSION}`);
  if (existsSync(binary)) return binary;
  console.log(`Building kustomize ${KUSTOMIZE_VERSION} with Go into .tools/ (first run only)…`);
  const buildDir = join(tools, 'kustomize-build');
  mkdirSync(buildDir, { recursive: true });
  mkdirSync(join(tools, 'bin'), { recursive: true });
  for (const file of ['go.mod', 'go.sum', 'tools.go']) {
    cpSync(join(root, 'tools', 'kustomize', file), join(buildDir, file));
  }
  const partial = `${binary}.partial-${process.pid}`;
  run(
    'go',
    ['build', '-mod=mod', '-trimpath', '-o', partial, 'sigs.k8s.io/kustomize/kustomize/v5'],
    {
      cwd: buildDir,
      env: { ...process.env, GOTOOLCHAIN: 'local', CGO_ENABLED: '0', GOFLAGS: '' },
    },
  );
  renameSync(partial, binary);
  return binary;
}

/** A virtualenv with deploy/k8s/requirements.txt, reinstalled when that file changes. */
function ensureValidatorVenv() {
  const venv = join(tools, 'k8s-venv');
  const requirements = join(k8s, 'requirements.txt');
  const stamp = join(venv, '.requirements-sha256');
  const wanted = createHash('sha256').update(readFileSync(requirements)).digest('hex');
  const python = join(venv, 'bin', 'python');
  if (existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return python;
  console.log('Installing kubernetes-validate from PyPI into .tools/k8s-venv…');
  rmSync(venv, { recursive: true, force: true });
  run('python3', ['-m', 'venv', venv]);
  run(python, [
    '-m',
    'pip',
    'install',
    '--quiet',
    '--disable-pip-version-check',
    '-r',
    requirements,
  ]);
  writeFileSync(stamp, wanted);
  return python;
}

/**
 * A copy of deploy/k8s where each overlay's secrets.env is its committed example: what an operator
 * builds after `cp secrets.env.example secrets.env`, never a real secrets.env that may be lying here.
 */
function stagedTree() {
  const dir = mkdtempSync(join(tmpdir(), 'prd-forge-k8s-'));
  cpSync(k8s, dir, { recursive: true, filter: (source) => basename(source) !== 'secrets.env' });
  const overlays = readdirSync(join(dir, 'overlays'));
  for (const overlay of overlays) {
    const example = join(dir, 'overlays', overlay, 'secrets.env.example');
    if (existsSync(example)) cpSync(example, join(dir, 'overlays', overlay, 'secrets.env'));
  }
  return { dir, targets: ['base', ...overlays.map((overlay) => join('overlays', overlay))] };
}

const kustomize = ensureKustomize();
const python = ensureValidatorVenv();
const { dir, targets } = stagedTree();
// run() exits the process on a failed step: clean up on every exit.
process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
const built = targets.map((target) => {
  const result = spawnSync(kustomize, ['build', join(dir, target)], { encoding: 'utf8' });
  if (result.status !== 0) {
    console.error(`kustomize build ${target} failed:\n${result.stderr}`);
    process.exit(1);
  }
  const file = join(dir, `${target.replaceAll('/', '-')}.built.yaml`);
  writeFileSync(file, result.stdout);
  return { target, file };
});
const validator = join(python, '..', 'kubernetes-validate');
for (const version of KUBERNETES_VERSIONS) {
  console.log(`Kubernetes ${version} schemas (strict): ${targets.join(', ')}`);
  run(validator, ['--strict', '--quiet', '-k', version, ...built.map(({ file }) => file)]);
}
run(python, [
  join(k8s, 'check_manifests.py'),
  root,
  ...built.map(({ target, file }) => `${target}=${file}`),
]);
console.log(
  `deploy/k8s: ${targets.length} builds valid for Kubernetes ${KUBERNETES_VERSIONS.join(', ')}`,
);
