export { JOURNAL_STAGES } from './journal.types';
export type {
  AppendResult,
  ChainVerdict,
  JournalDriver,
  JournalEntry,
  JournalEvent,
  JournalPayload,
  JournalPayloadPolicy,
  JournalPayloadStatus,
  JournalSearch,
  JournalSearchHit,
  JournalStage,
  JournalStore,
  JournalTailEntry,
  JournalTraceEntry,
  OpenJournalStoreOptions,
} from './journal.types';
export { JournalError, JournalErrorCode } from './journal.error';
export { journalEntryHash, journalEventId, payloadDigest } from './journal-hash';
export { isJournalStage } from './journal-entry.mapper';
export {
  journalLocationFromConfig,
  journalStoreFromConfig,
  loadOrCreatePayloadKey,
  openJournalDatabase,
  openJournalStore,
  openStoreBesideJournal,
  payloadKeyFromConfig,
  sealedStoreOptionsFromConfig,
  type JournalDatabaseLocation,
  type MigratingStore,
  type SealedStoreOptions,
} from './journal-store.factory';
export { PayloadCipher } from './payload.cipher';
