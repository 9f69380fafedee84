export { JournalEmitter, type JournalEmitterOptions, type StageEvent } from './journal.emitter';
export {
  JournalWriter,
  JournalWriterCode,
  parseJournalEvent,
  type JournalWriterOptions,
} from './journal.writer';
