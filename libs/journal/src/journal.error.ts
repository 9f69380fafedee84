export enum JournalErrorCode {
  /** An event is not a journal event (unknown stage, bad timestamp, missing id…); the batch is refused whole. */
  EventInvalid = 'JOURNAL_EVENT_INVALID',
  /** The store's options are incomplete or contradictory (no file, no URL, no key…). */
  ConfigInvalid = 'JOURNAL_CONFIG_INVALID',
  /** The payload key file is unreadable or not 32 bytes. */
  KeyInvalid = 'JOURNAL_KEY_INVALID',
  /** Schema migration failed. */
  MigrationFailed = 'JOURNAL_MIGRATION_FAILED',
  /** The database refused or lost the append; nothing of the batch was written. */
  WriteFailed = 'JOURNAL_WRITE_FAILED',
  /** A kept payload does not decrypt or does not match its digest. */
  PayloadUnreadable = 'JOURNAL_PAYLOAD_UNREADABLE',
}

export class JournalError extends Error {
  override readonly name = 'JournalError';

  constructor(
    readonly code: JournalErrorCode,
    message: string,
    options: { cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }
}
