import { IsIn, IsInt, IsString, Max, Min } from 'class-validator';
import { Section } from './required-section';

// The journal section of the configuration (docs/architecture.md, "The journal").

export class JournalPayloadOptions {
  /** `none`: payloads are never kept; `encrypted`: AES-256-GCM at rest with the key in `keyFile`. */
  @IsIn(['none', 'encrypted'])
  keep: 'none' | 'encrypted';

  /** 32 random bytes (base64); relative paths resolve against `dataDir`; made on first use. */
  @IsString()
  keyFile: string;

  /** Payloads older than this are purged; entries and hashes stay. */
  @IsInt()
  @Min(1)
  retentionDays: number;

  /**
   * How often the journal writer runs the purge: a payload outlives `retentionDays` by at most this.
   * At most a day, since the retention itself is counted in days.
   */
  @IsInt()
  @Min(1)
  @Max(1440, { message: 'must be at most 1440 (a day): the retention is counted in days' })
  purgeEveryMinutes: number;
}

/**
 * The business-key index (issue 13): keyed hashes of the names, notice ids and warrant references
 * a message carries, so that the console finds it by them while the database holds no name.
 */
export class JournalBusinessKeyOptions {
  /** The index's HMAC key: 32 random bytes (base64), mode 0600, made on first use; like `payloads.keyFile`. */
  @IsString()
  keyFile: string;
}

/** Where every stage of every message is recorded (hash-chained). */
export class JournalOptions {
  @IsIn(['sqlite', 'postgres'])
  driver: 'sqlite' | 'postgres';

  /** SQLite file; relative paths resolve against `dataDir`. */
  @IsString()
  sqliteFile: string;

  /** postgres://… used when `driver` is `postgres`; the password is never echoed. */
  @IsString()
  postgresUrl: string;

  @Section(() => JournalPayloadOptions)
  payloads: JournalPayloadOptions;

  @Section(() => JournalBusinessKeyOptions)
  businessKeys: JournalBusinessKeyOptions;
}
