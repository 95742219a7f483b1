// `npm start`: install what is missing, build, and run the API with the embedded services.
import { spawn } from 'node:child_process';
import { ensureBuild, ensureNodeModules, root } from './ensure-deps.mjs';

ensureNodeModules();
ensureBuild();

// The IPC channel closes when this launcher dies, however it dies (SIGKILL included): the API
// then shuts down and stops its services instead of living on as an orphan holding the ports.
const api = spawn(process.execPath, ['--enable-source-maps', 'dist/main.js'], {
  cwd: root,
  stdio: ['inherit', 'inherit', 'inherit', 'ipc'],
});
// The API stops its own services in order; forward signals and wait for it rather than dying first.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => api.kill(signal));
api.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
