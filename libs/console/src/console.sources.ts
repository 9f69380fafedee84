// What the console reads and acts through: the same objects the command line uses (the journal
// store of `pcms search`/`trace`/`payload`, the dead-letter desk of `pcms dlq`, the queue stats
// and hold counts of `pcms status`). The console keeps no data of its own.
import type { BusinessKeyIndex } from '@pcms/business-keys';
import type { DeadLetterDesk } from '@pcms/dead-letters';
import type { AlertBoard } from './alert-watch';
import type { DecideResult, Hold, HoldStatus, SignedHoldStatement } from '@pcms/holds';
import type { JournalStore } from '@pcms/journal';
import type { JournalEmitter } from '@pcms/journal-emitter';
import type { QueueDepth } from '@pcms/messaging';
import type { PkiStatus } from '@pcms/revocation';
import type { MappingStatus } from '@pcms/translation';

export interface ConsoleSources {
  readonly journal: JournalStore;
  /** The messages carrying a name (any transliteration), notice id or warrant reference (`pcms search --key`). */
  readonly businessKeys: Pick<BusinessKeyIndex, 'find'>;
  /**
   * Journals what a reader did (a payload view, a hold refusal) as the app `console`, awaited until
   * the broker confirmed it: a view that cannot be journaled is not shown.
   */
  readonly journalEvents: Pick<JournalEmitter, 'emit'>;
  readonly desk: DeadLetterDesk;
  /** The dead-letter queue's name, among the queues: its depth is the live count of dead letters. */
  readonly deadLetterQueue: string;
  /** Depth and consumers of every queue of the topology. */
  queueDepths(): Promise<QueueDepth[]>;
  /** Holds by status, or null when the holds database cannot be opened. */
  holdCounts(): Promise<Record<HoldStatus, number> | null>;
  /** Certificates by days to expiry and the revocation list (`pcms status`); null when there is no PKI. */
  pkiStatus(): PkiStatus | null;
  /** The mappings each translating process loaded and refused (`pcms status`, Redis); null when unreachable. */
  mappingStatuses(): Promise<MappingStatus[] | null>;
  /** Whether the I-24/7 peer accepts a connection now (`i247Adapter.peerUrl`). */
  peerReachable(): Promise<boolean>;
  /** The holds waiting for operators, newest first (`pcms hold list --status waiting`). */
  waitingHolds(limit: number): Promise<Hold[]>;
  /** One hold by its id (`pcms hold show`). */
  findHold(holdId: string): Promise<Hold | undefined>;
  /**
   * Records a signed decision through `HoldDesk` with the deployment's CA and its revocation list
   * as published now, as `pcms hold approve|reject` does; throws its `HoldsError` when refused.
   */
  decideHold(holdId: string, signed: SignedHoldStatement): Promise<DecideResult>;
  /**
   * Takes the one right to replay a dead letter (Redis SET NX on its id and failure time, kept a
   * day): false when another click, here or on another console, already took it.
   */
  claimReplay(deadLetterKey: string): Promise<boolean>;
  /** A reader's saved searches, name to query string (Redis, per certificate). */
  savedSearches(readerKey: string): Promise<Record<string, string>>;
  saveSearch(readerKey: string, name: string, query: string): Promise<void>;
  /** Gives the right back after a replay that failed, so that it may be tried again. */
  releaseReplay(deadLetterKey: string): Promise<void>;
  /** The alerts firing (AlertWatch, set by the app once built over these sources); none when absent. */
  alerts?: AlertBoard;
}
