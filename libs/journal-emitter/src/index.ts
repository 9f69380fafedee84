export { JournalEmitter, type JournalEmitterOptions, type StageEvent } from './journal.emitter';
export {
  JournalWriter,
  JournalWriterCode,
  parseJournalEvents,
  type JournalWriterOptions,
} from './journal.writer';
export {
  JOURNAL_RETENTION_QUEUE,
  JournalRetentionSchedule,
  type JournalRetentionOptions,
  type RetentionLogger,
} from './journal-retention.schedule';
export { receivedStage } from './received.stage';
