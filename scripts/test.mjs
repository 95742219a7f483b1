// `npm test`: install what is missing, then run every suite. Jest's global setup installs and
// starts FerretDB and Redis on ephemeral ports in a temp dir and stops them afterwards.
import { spawnSync } from 'node:child_process';
import { ensureNodeModules, root } from './ensure-deps.mjs';

ensureNodeModules();
const result = spawnSync('npx', ['jest', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
