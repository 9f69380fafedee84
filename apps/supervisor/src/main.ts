// The process `npm start` ends in (scripts/start.sh execs it): the five apps, one process each,
// labelled output, and a stop by pid that reaches every app once. See libs/supervisor/README.md.
import { superviseApps } from '@pcms/supervisor';
import { join } from 'node:path';

const APPS = ['journal-writer', 'pcms-adapter', 'router', 'i247-adapter', 'i247-peer'] as const;

superviseApps({
  apps: APPS.map((name) => ({
    name,
    command: process.execPath,
    args: [join(__dirname, '..', '..', name, 'src', 'main.js')],
  })),
  out: process.stdout,
  color: process.stdout.isTTY,
})
  // exitCode, not exit(): the last lines are written out before the process ends on its own.
  .then(({ exitCode }) => (process.exitCode = exitCode))
  .catch((error: unknown) => {
    process.stderr.write(`[supervisor] ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
