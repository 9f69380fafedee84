// The journal's contract (docs/architecture.md, "The journal"): emitters build JournalEvents, the
// journal writer appends them, the CLI reads JournalEntries back.

export const JOURNAL_STAGES = [
  'received',
  'verified',
  'rejected',
  'deduplicated',
  'policy',
  'held',
  'released',
  'mapped',
  'signed',
  'routed',
  'delivered',
  'acknowledged',
  'failed',
  'dead-lettered',
  'replayed',
  // Judicial network (issue 15): a request linked to an Interpol notice, journaled on the notice's
  // side (messageId = the notice id, correlation = the request id); a follow-up reminder fired.
  'judicial-linked',
  'reminded',
  // A judicial message taken at the judicial adapter's door: a request stored in the request store
  // (DRAFT, then SUBMITTED by its sender), a status applied to its request (the move).
  'stored',
  'moved',
  // An operator opened the message's payload in the console (issue 13): who read it, not what
  // became of the message, so search leaves it out of the message's status and last activity.
  'payload-viewed',
  // The console's alerts (issue 13): an occurrence is journaled as its own "message" (a random
  // UUID as messageId), fired then cleared, with its rule, subject, value and thresholds.
  'alert-fired',
  'alert-cleared',
] as const;

export type JournalStage = (typeof JOURNAL_STAGES)[number];

export interface JournalPayload {
  contentType: string;
  base64: string;
}

export interface JournalEvent {
  /** Deterministic (see `journalEventId`): a redelivered message re-emits the same id. */
  eventId: string;
  messageId: string;
  correlationId?: string;
  stage: JournalStage;
  /** 'pcms-adapter', 'router', 'i247-adapter', … */
  app: string;
  /** ISO 8601. */
  at: string;
  /** code, reason, rule, mapping {id, version}, certificate fingerprint, destination, attempt…; never a payload or a name. */
  details: Record<string, unknown>;
  /** Kept only when journal.payloads.keep is 'encrypted' (then AES-256-GCM at rest). */
  payload?: JournalPayload;
}

export interface JournalEntry extends Omit<JournalEvent, 'payload'> {
  /** Order of append, from 1, without gaps. */
  seq: number;
  /** Hash of entry seq-1 ('' for the first). */
  prevHash: string;
  /** sha256(prevHash || canonical JSON of the entry without hash, payload replaced by its digest). */
  hash: string;
  /** sha256 (hex) of the payload bytes: the chain survives the payload's purge. */
  payloadDigest?: string;
  /** The payload's media type, kept (and hashed) even when the bytes are not. */
  payloadContentType?: string;
}

/** Where an entry's payload bytes are (not hashed: a purge leaves the chain intact). */
export type JournalPayloadStatus = 'kept' | 'purged' | 'not-kept';

/** An entry as `trace` shows it: with what became of its payload, when it had one. */
export interface JournalTraceEntry extends JournalEntry {
  /** Present when the entry has a payload digest. */
  payloadStatus?: JournalPayloadStatus;
  /** When the retention purge dropped the bytes. */
  payloadPurgedAt?: string;
}

export interface JournalSearch {
  sender?: string;
  type?: string;
  /** The message's current status: the stage of its latest entry. */
  stage?: JournalStage;
  /** Messages with an entry at or after this instant. */
  since?: Date;
  /** Messages with an entry at or before this instant. */
  until?: Date;
  correlationId?: string;
  messageId?: string;
  /** Only these messages (a business-key search's, `@pcms/business-keys`); none when empty. */
  messageIds?: readonly string[];
  /** At most this many messages, most recently active first (default 100). */
  limit?: number;
}

export interface JournalSearchHit {
  messageId: string;
  firstAt: string;
  lastAt: string;
  lastStage: JournalStage;
  correlationId?: string;
  sender?: string;
  type?: string;
}

/** What a reader following the journal needs of an entry (JournalStore.tail). */
export interface JournalTailEntry {
  seq: number;
  messageId: string;
  stage: JournalStage;
  atMs: number;
  sender?: string;
  type?: string;
}

export interface ChainVerdict {
  ok: boolean;
  entries: number;
  /** The first entry whose hash or link does not match. */
  firstBadSeq?: number;
  reason?: string;
  /** Hash of the last entry walked: write it down elsewhere to detect a truncated tail later. */
  headHash?: string;
}

export interface AppendResult {
  appended: number;
  duplicates: number;
}

export interface JournalStore {
  /** Idempotent: brings the schema to the latest migration. */
  migrate(): Promise<void>;
  /** One transaction; events whose eventId is already journaled (or repeated in the batch) are skipped. */
  append(events: readonly JournalEvent[]): Promise<AppendResult>;
  /** Every entry of one message, in seq order, with the status of its payload. */
  trace(messageId: string): Promise<JournalTraceEntry[]>;
  search(filter: JournalSearch): Promise<JournalSearchHit[]>;
  /** At most `limit` entries after `afterSeq`, in seq order: what a reader following the journal takes next. */
  tail(afterSeq: number, limit: number): Promise<JournalTailEntry[]>;
  /** Where a reader of the journal since `since` starts: the seq before the first entry at or after it (the head when none is). */
  seqBefore(since: Date): Promise<number>;
  /** Walks the whole chain; names the first entry whose hash or link does not match. */
  verifyChain(): Promise<ChainVerdict>;
  /** The decrypted payload when it was kept and not purged. */
  payloadOf(eventId: string): Promise<Buffer | undefined>;
  /**
   * Drops the payload bytes of entries older than `olderThan` and records when (`now`); digests
   * and hashes stay. Returns how many.
   */
  purgePayloads(olderThan: Date, now?: Date): Promise<number>;
  close(): Promise<void>;
}

export type JournalDriver = 'sqlite' | 'postgres';

export interface JournalPayloadPolicy {
  keep: 'none' | 'encrypted';
  /** 32 bytes; required when keep is 'encrypted'. */
  key?: Buffer;
}

export interface OpenJournalStoreOptions {
  driver: JournalDriver;
  sqliteFile?: string;
  postgresUrl?: string;
  payloads: JournalPayloadPolicy;
}
