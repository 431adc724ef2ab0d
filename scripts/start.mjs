// `npm start`: builds what is not built yet, then runs Yubin.
import { spawn } from 'node:child_process';
import { ensureApiBuilt } from './build-state.mjs';

ensureApiBuilt();
const child = spawn(process.execPath, ['--enable-source-maps', 'dist/apps/api/src/main.js'], {
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
