export { ConfigError, ConfigErrorCode, type ConfigIssue } from './config.error';
export {
  ENVIRONMENT_OVERRIDES,
  loadConfig,
  type LoadConfigOptions,
  type LoadedConfig,
} from './config.loader';
export * from './gateway-config';
export { loadPolicy, type LoadPolicyOptions } from './policy.loader';
