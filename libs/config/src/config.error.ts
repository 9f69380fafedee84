export enum ConfigErrorCode {
  CONFIG_FILE_MISSING = 'CONFIG_FILE_MISSING',
  CONFIG_FILE_UNREADABLE = 'CONFIG_FILE_UNREADABLE',
  CONFIG_INVALID = 'CONFIG_INVALID',
}

export interface ConfigIssue {
  /** Dotted key, e.g. `amqp.url`. */
  key: string;
  reason: string;
  /** Where the key was set: a file (with its line when known) or an environment variable. */
  source: string;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    readonly code: ConfigErrorCode,
    message: string,
    readonly issues: readonly ConfigIssue[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
