import 'reflect-metadata';
import { demoAccessInstructions, writeDemoReaderFiles } from '@pcms/console';
import type { LoadedConfig } from '@pcms/config';
import type { RunningApp } from '@pcms/runtime';
import { runMain } from '@pcms/runtime';
import { PkiStore } from '@pcms/trust';
import { startConsole } from './console.app';

runMain('console', async (config) => {
  const running = config.console.enabled ? await startConsole(config) : idle();
  if (running.url && config.autoInitPki) explainDemoAccess(config, running.url);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void running.close().then(() => {
        process.stdout.write(
          `${JSON.stringify({ app: 'console', signal, msg: 'stopped cleanly / arrêt propre' })}\n`,
        );
        process.exit(0);
      });
    });
  }
  return running;
});

/** Run by hand with console.enabled: false (npm start does not start it then): nothing to serve. */
function idle(): RunningApp {
  process.stdout.write('console disabled (console.enabled: false) / console désactivée\n');
  const keepAlive = setInterval(() => undefined, 60_000);
  return {
    close: () => {
      clearInterval(keepAlive);
      return Promise.resolve();
    },
  };
}

/** The demo's readers, their PKCS#12 files, and how to open the console with them. */
function explainDemoAccess(config: LoadedConfig, url: string): void {
  const files = writeDemoReaderFiles(PkiStore.open(config.paths.pki), config.paths.pki);
  process.stdout.write(`${demoAccessInstructions(url, config.paths.pki, files).join('\n')}\n`);
}
