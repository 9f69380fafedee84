export enum BusinessKeysErrorCode {
  /** The index's key file cannot be read or written, or does not hold 32 base64 bytes. */
  KeyInvalid = 'BUSINESS_KEYS_KEY_INVALID',
  /** The index's database options are incomplete (no file, no URL). */
  ConfigInvalid = 'BUSINESS_KEYS_CONFIG_INVALID',
  MigrationFailed = 'BUSINESS_KEYS_MIGRATION_FAILED',
  /** Rows could not be written; the driver's error is the cause. */
  WriteFailed = 'BUSINESS_KEYS_WRITE_FAILED',
}

export class BusinessKeysError extends Error {
  constructor(
    readonly code: BusinessKeysErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'BusinessKeysError';
  }
}
