// The configuration of an in-process test gateway: the `test` profile (which shares no namespace,
// Redis prefix, port or folder with the demo's, so `npm test` may run beside `npm start`),
// narrowed to one test file and run: a namespace and a Redis prefix of its own, a temporary data
// folder, and ports picked by the system.
import { loadConfig, type LoadedConfig } from '@pcms/config';
import { join } from 'node:path';
import { uniqueNamespace } from './unique-namespace';

export const PROJECT_ROOT = join(__dirname, '..', '..');
export const HARNESS_PROFILE = 'test';

type Overrides = NonNullable<Parameters<typeof loadConfig>[0]>['overrides'];

export interface HarnessConfigOptions {
  readonly dataDir: string;
  readonly delivery: { attempts: number; backoffMs: number };
  /** The run's PostgreSQL journal, when not SQLite in the data folder. */
  readonly postgresUrl?: string;
}

export function harnessConfig(testFile: string, options: HarnessConfigOptions): LoadedConfig {
  const namespace = uniqueNamespace(testFile);
  return harnessProfile({
    dataDir: options.dataDir,
    autoInitPki: false,
    // Warnings and errors, captured by the harness (GatewayHarness.logs); PCMS_TEST_LOG_LEVEL prints instead.
    logLevel: (process.env.PCMS_TEST_LOG_LEVEL as LoadedConfig['logLevel'] | undefined) ?? 'warn',
    amqp: { namespace: namespace.replace(/[^a-z0-9._-]/g, '-').toLowerCase() },
    redis: { keyPrefix: `pcms-test:${namespace}` },
    i247Adapter: {
      http: { host: '127.0.0.1', port: 0 },
      delivery: { ...options.delivery, enabled: true, timeoutMs: 3000 },
    },
    peer: { http: { host: '127.0.0.1', port: 0 } },
    judicialAdapter: {
      http: { host: '127.0.0.1', port: 0 },
      delivery: { ...options.delivery, enabled: true, timeoutMs: 3000 },
    },
    judicialPeer: { http: { host: '127.0.0.1', port: 0 }, autoReceive: false },
    pcmsAdapter: { https: { enabled: true, http: { host: '127.0.0.1', port: 0 } } },
    observability: {
      enabled: true,
      ports: {
        pcmsAdapter: 0,
        router: 0,
        i247Adapter: 0,
        i247Peer: 0,
        judicialAdapter: 0,
        judicialPeer: 0,
        console: 0,
      },
    },
    ...(options.postgresUrl ? { journal: { driver: 'postgres', postgresUrl: options.postgresUrl } } : {}),
  });
}

/** The test profile with `overrides`, never the environment (a developer's PCMS_* stays out). */
export function harnessProfile(overrides: Overrides): LoadedConfig {
  return loadConfig({ rootDir: PROJECT_ROOT, profile: HARNESS_PROFILE, env: {}, overrides });
}
