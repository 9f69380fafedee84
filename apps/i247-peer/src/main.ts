import 'reflect-metadata';
import { loadConfig } from '@pcms/config';
import { createLogger } from '@pcms/logging';
import { startPeer } from './peer.app';

async function main(): Promise<void> {
  const config = loadConfig();
  await startPeer(config, {
    logger: createLogger('i247-peer', config.logLevel ?? 'info'),
    shutdownHooks: true,
  });
}

main().catch((error: unknown) => {
  // Before a logger exists (e.g. an invalid configuration) stderr is the only place to say why.
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
