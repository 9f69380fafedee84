import type { LoadedConfig } from '@pcms/config';
import { startGatewayApp, type RunningApp } from '@pcms/runtime';
import { RouterModule } from './router.module';

export function startRouter(config: LoadedConfig): Promise<RunningApp> {
  return startGatewayApp({
    module: RouterModule.forConfig(config),
    config,
    app: 'router',
    consumesQueues: true,
  });
}
