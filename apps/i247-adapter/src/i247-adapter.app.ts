import type { LoadedConfig } from '@pcms/config';
import { startGatewayApp, type RunningApp } from '@pcms/runtime';
import { httpsServerOptions } from '@pcms/signed-http';
import { PkiStore } from '@pcms/trust';
import { I247AdapterModule } from './i247-adapter.module';

export function startI247Adapter(config: LoadedConfig): Promise<RunningApp> {
  const pki = PkiStore.open(config.paths.pki);
  return startGatewayApp({
    module: I247AdapterModule.forConfig(config),
    config,
    app: 'i247-adapter',
    consumesQueues: true,
    https: {
      options: httpsServerOptions(pki.credential('GATEWAY'), pki.caCertificatePem()),
      host: config.i247Adapter.http.host,
      port: config.i247Adapter.http.port,
      bodyLimitBytes: config.limits.maxMessageBytes,
    },
  });
}
