import { loadPolicy, type LoadedConfig } from '@pcms/config';
import { startGatewayApp, type RunningApp } from '@pcms/runtime';
import { RouterModule } from './router.module';

export async function startRouter(config: LoadedConfig): Promise<RunningApp> {
  // Before anything connects: a bad policy stops the router with the key, file and line (ConfigError).
  const policy = loadPolicy({ rootDir: config.paths.root });
  return startGatewayApp({
    module: RouterModule.forConfig(config, policy),
    config,
    app: 'router',
    consumesQueues: true,
  });
}
