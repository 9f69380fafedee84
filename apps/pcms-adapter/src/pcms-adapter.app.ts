import type { LoadedConfig } from '@pcms/config';
import { startGatewayApp, type RunningApp } from '@pcms/runtime';
import { PcmsAdapterModule } from './pcms-adapter.module';

export function startPcmsAdapter(config: LoadedConfig): Promise<RunningApp> {
  return startGatewayApp({
    module: PcmsAdapterModule.forConfig(config),
    config,
    app: 'pcms-adapter',
    consumesQueues: true,
  });
}
