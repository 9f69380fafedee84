import type { LoadedConfig } from '@pcms/config';
import { startGatewayApp, type RunningApp } from '@pcms/runtime';
import { httpsServerOptions } from '@pcms/signed-http';
import { PkiStore } from '@pcms/trust';
import { PcmsAdapterModule } from './pcms-adapter.module';

/** Consumes the platforms' AMQP door, and serves their HTTPS door (mutual TLS) when configured. */
export function startPcmsAdapter(config: LoadedConfig): Promise<RunningApp> {
  const { https } = config.pcmsAdapter;
  const pki = https.enabled ? PkiStore.open(config.paths.pki) : undefined;
  return startGatewayApp({
    module: PcmsAdapterModule.forConfig(config),
    config,
    app: 'pcms-adapter',
    consumesQueues: true,
    https: pki && {
      options: httpsServerOptions(pki.credential('GATEWAY'), pki.caCertificatePem()),
      host: https.http.host,
      port: https.http.port,
      bodyLimitBytes: config.limits.maxMessageBytes,
    },
  });
}
