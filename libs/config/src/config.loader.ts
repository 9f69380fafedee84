import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { ConfigError, ConfigErrorCode } from './config.error';
import { GatewayConfig } from './gateway-config';
import { instancePort } from './instances-options';
import {
  environmentValue,
  PUBLIC_NOTICES_ENVIRONMENT,
  type EnvironmentValueType,
} from './public-notices-options';
import { flattenValidationErrors, readYamlFile } from './yaml-file.reader';

/** Environment variables that override a key: documented in config/README.md. */
export const ENVIRONMENT_OVERRIDES: Readonly<Record<string, string>> = {
  PCMS_DATA_DIR: 'dataDir',
  PCMS_AMQP_URL: 'amqp.url',
  /** Comma-separated, the nodes of a cluster in order. */
  PCMS_AMQP_URLS: 'amqp.urls',
  PCMS_AMQP_NAMESPACE: 'amqp.namespace',
  PCMS_REDIS_URL: 'redis.url',
  PCMS_REDIS_PREFIX: 'redis.keyPrefix',
  PCMS_LOG_LEVEL: 'logLevel',
  PCMS_JOURNAL_DRIVER: 'journal.driver',
  PCMS_JOURNAL_POSTGRES_URL: 'journal.postgresUrl',
  PCMS_INSTANCES: 'instances.count',
  PCMS_INSTANCE: 'instance',
};

/**
 * Typed overrides beside publicNotices': the console's switch, so that the bench can run the
 * console of a profile that has it off (`npm run bench -- --console`) as production starts it.
 */
const CONSOLE_ENVIRONMENT: Readonly<Record<string, { key: string; type: EnvironmentValueType }>> = {
  PCMS_CONSOLE_ENABLED: { key: 'console.enabled', type: 'boolean' },
};

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? DeepPartial<T[K]> : T[K] };

export interface LoadConfigOptions {
  /** Defaults to `PCMS_PROFILE`, then `demo`. */
  profile?: string;
  /** The project root: `config/` and relative paths are resolved against it. */
  rootDir?: string;
  env?: NodeJS.ProcessEnv;
  /** Applied last; tests use it to isolate namespaces, ports and folders. */
  overrides?: DeepPartial<GatewayConfig>;
}

export interface LoadedConfig extends GatewayConfig {
  /** Absolute paths derived from the configuration. */
  paths: { root: string; data: string; pki: string; peerInbox: string; mappings: string };
}

const NUMERIC_KEYS =
  /(^|\.)(port|prefetch|retentionHours|attempts|backoffMs|timeoutMs|maxMessageBytes|count|instance)$/;

const LIST_KEYS: ReadonlySet<string> = new Set(['amqp.urls']);

export function loadConfig(options: LoadConfigOptions = {}): LoadedConfig {
  const env = options.env ?? process.env;
  const rootDir = resolve(options.rootDir ?? env.PCMS_ROOT ?? process.cwd());
  const profile = options.profile ?? env.PCMS_PROFILE ?? 'demo';
  const file = join(rootDir, 'config', `${profile}.yaml`);
  const { raw, lineOf } = readProfile(file);

  const sources = new Map<string, string>();
  raw.profile = profile;
  // Optional in a profile: one process of each app, and this process the first of its app.
  raw.instances = { count: 1, ...(raw.instances as object | undefined) };
  raw.instance ??= 1;
  for (const [variable, key] of Object.entries(ENVIRONMENT_OVERRIDES)) {
    const value = env[variable];
    if (value === undefined || value === '') continue;
    setPath(raw, key, environmentOverrideValue(key, value));
    sources.set(key, `environment variable ${variable}`);
  }
  for (const [variable, { key, type }] of Object.entries({
    ...PUBLIC_NOTICES_ENVIRONMENT,
    ...CONSOLE_ENVIRONMENT,
  })) {
    const value = env[variable];
    if (value === undefined || value === '') continue;
    setPath(raw, key, environmentValue(type, value));
    sources.set(key, `environment variable ${variable}`);
  }
  if (options.overrides) mergeInto(raw, options.overrides);

  const config = plainToInstance(GatewayConfig, raw);
  const errors = validateSync(config, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length > 0) {
    const issues = flattenValidationErrors(errors).map((issue) => ({
      ...issue,
      source: sources.get(issue.key) ?? `${file}${lineOf(issue.key)}`,
    }));
    const lines = issues.map((issue) => `  - ${issue.key}: ${issue.reason} (${issue.source})`);
    throw new ConfigError(
      ConfigErrorCode.CONFIG_INVALID,
      `Configuration profile "${profile}" is invalid / la configuration est invalide:\n${lines.join('\n')}`,
      issues,
    );
  }
  checkReplayWindow(config, file);
  return withPaths(withInstancePorts(config), rootDir);
}

/**
 * A message older than `limits.maxMessageAgeHours` is refused as stale; a younger one is caught by
 * the dedupe store for `dedupe.retentionHours`. If the first outlived the second, a captured message
 * replayed in between would be accepted again.
 */
function checkReplayWindow(config: GatewayConfig, file: string): void {
  if (config.limits.maxMessageAgeHours < config.dedupe.retentionHours) return;
  const issue = {
    key: 'limits.maxMessageAgeHours',
    reason: `must be below dedupe.retentionHours (${config.dedupe.retentionHours}), or a replayed message could be accepted again`,
    source: file,
  };
  throw new ConfigError(
    ConfigErrorCode.CONFIG_INVALID,
    `Configuration profile "${config.profile}" is invalid / la configuration est invalide:\n  - ${issue.key}: ${issue.reason} (${issue.source})`,
    [issue],
  );
}

function readProfile(file: string): { raw: Record<string, unknown>; lineOf: (key: string) => string } {
  if (!existsSync(file)) {
    throw new ConfigError(
      ConfigErrorCode.CONFIG_FILE_MISSING,
      `No configuration file ${file}. Create it (see config/README.md) or set PCMS_PROFILE to an existing profile. / Fichier de configuration absent.`,
    );
  }
  const { document, lineOf } = readYamlFile(file);
  return { raw: document.toJS() as Record<string, unknown>, lineOf };
}

function environmentOverrideValue(key: string, value: string): unknown {
  if (LIST_KEYS.has(key))
    return value
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
  return NUMERIC_KEYS.test(key) ? Number(value) : value;
}

function setPath(target: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    if (typeof node[part] !== 'object' || node[part] === null) node[part] = {};
    node = node[part] as Record<string, unknown>;
  }
  node[parts[parts.length - 1]] = value;
}

function mergeInto(target: Record<string, unknown>, patch: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(patch)) {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
      mergeInto(target[key] as Record<string, unknown>, value as Record<string, unknown>);
    } else if (value !== undefined) {
      target[key] = value;
    }
  }
}

/**
 * N instances of an app cannot all bind one port: Node 20 has no SO_REUSEPORT for TCP (`reusePort`
 * came in Node 22.12/23.1), so instance k listens on each of its app's ports + (k-1)*10 (a free port,
 * 0, stays 0). The peer is never instanced; its ports do not move.
 */
function withInstancePorts(config: GatewayConfig): GatewayConfig {
  const k = config.instance;
  if (k === 1) return config;
  const shift = (listen: { port: number }) => (listen.port = instancePort(listen.port, k));
  shift(config.pcmsAdapter.https.http);
  shift(config.i247Adapter.http);
  shift(config.console.http);
  const ports = config.observability.ports;
  for (const app of ['pcmsAdapter', 'router', 'i247Adapter'] as const)
    ports[app] = instancePort(ports[app], k);
  if (ports.console !== undefined) ports.console = instancePort(ports.console, k);
  return config;
}

function withPaths(config: GatewayConfig, root: string): LoadedConfig {
  const absolute = (path: string) => (isAbsolute(path) ? path : join(root, path));
  const data = absolute(config.dataDir);
  return Object.assign(config, {
    paths: {
      root,
      data,
      pki: join(data, 'pki'),
      peerInbox: join(data, 'peer', 'inbox'),
      mappings: absolute(config.mappingsDir),
    },
  });
}
