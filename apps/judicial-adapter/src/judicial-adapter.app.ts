import type { LoadedConfig } from '@pcms/config';
import { JUDICIAL_MESSAGES_PATH } from '@pcms/judicial';
import { createLogger } from '@pcms/logging';
import { startGatewayApp, type RunningApp } from '@pcms/runtime';
import { httpsServerOptions } from '@pcms/signed-http';
import { PkiStore } from '@pcms/trust';
import { loadDirectoryAtStart } from './directory.loader';
import { JudicialAdapterModule } from './judicial-adapter.module';
import { APP } from './judicial-adapter.tokens';

/**
 * The judicial network's adapter: the door where authorities post signed judicial messages, and
 * (the judicial.route consumer, delivery, the reminders' clock) what carries them on. A directory
 * that does not validate stops it before anything listens.
 */
export async function startJudicialAdapter(config: LoadedConfig): Promise<RunningApp> {
  const directory = await loadDirectoryAtStart(config);
  const pki = PkiStore.open(config.paths.pki);
  const logger = createLogger(APP, config.logLevel);
  const running = await startGatewayApp({
    module: JudicialAdapterModule.forConfig(config, directory, logger),
    config,
    app: APP,
    logger,
    consumesQueues: true,
    https: {
      options: httpsServerOptions(pki.credential('GATEWAY'), pki.caCertificatePem()),
      host: config.judicialAdapter.http.host,
      port: config.judicialAdapter.http.port,
      bodyLimitBytes: config.limits.maxMessageBytes,
    },
  });
  logger.info(
    { url: `${running.url}${JUDICIAL_MESSAGES_PATH}`, authorities: directory.authorities.length },
    'judicial door open / porte judiciaire ouverte',
  );
  return running;
}
