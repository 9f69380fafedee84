import 'reflect-metadata';
import { DEMO_P12_PASSWORD, writeDemoReaderFiles } from '@pcms/console';
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
  const lines = [
    `Operations console / console d’exploitation: ${url}`,
    'EN: import one of these PKCS#12 files into your browser (Chromium: Settings > Privacy and security > Security >',
    `    Manage certificates > Your certificates > Import; Firefox: Settings > Certificates > Your Certificates > Import), password "${DEMO_P12_PASSWORD}",`,
    `    and import ${config.paths.pki}/ca.crt as an authority trusted for websites; then open the URL and choose the certificate.`,
    'FR : importez un de ces fichiers PKCS#12 dans le navigateur (Chromium : Paramètres > Confidentialité et sécurité > Sécurité >',
    `    Gérer les certificats > Vos certificats > Importer ; Firefox : Paramètres > Certificats > Vos certificats > Importer), mot de passe « ${DEMO_P12_PASSWORD} »,`,
    `    et importez ${config.paths.pki}/ca.crt comme autorité de confiance pour les sites ; ouvrez l’URL et choisissez le certificat.`,
    ...files.map((file) => `  ${file.role.padEnd(8)} ${file.id.padEnd(18)} ${file.file}`),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
