export { ConfigError, ConfigErrorCode, type ConfigIssue } from './config.error';
export {
  ENVIRONMENT_OVERRIDES,
  loadConfig,
  type LoadConfigOptions,
  type LoadedConfig,
} from './config.loader';
export * from './gateway-config';
export * from './instances-options';
export * from './journal-options';
export * from './public-notices-options';
export { loadPolicy, type LoadPolicyOptions } from './policy.loader';
export { loadAlertRules, type LoadAlertRulesOptions } from './alert-rules.loader';
