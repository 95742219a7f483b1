// `npm test`: install what is missing, then run every suite (with coverage). Jest's global setup
// installs and starts FerretDB and Redis on ephemeral ports in a temp dir and stops them afterwards.
import { spawnSync } from 'node:child_process';
import { ensureNodeModules, root } from './ensure-deps.mjs';

ensureNodeModules();
// The whole suite measures coverage and holds it to the thresholds in jest.config.js; a run of
// chosen specs (`npm test -- test/e2e/foo`) does not, since it covers only part of src/.
const args = process.argv.slice(2);
const coverage = args.length === 0 ? ['--coverage'] : [];
const result = spawnSync('npx', ['jest', ...coverage, ...args], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
