// `npm start`: builds what is not built yet (API and web UI), then runs Yubin.
import { spawn } from 'node:child_process';
import { ensureApiBuilt, ensureWebBuilt } from './build-state.mjs';

ensureApiBuilt();
ensureWebBuilt();
const child = spawn(process.execPath, ['--enable-source-maps', 'dist/apps/api/src/main.js'], {
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
