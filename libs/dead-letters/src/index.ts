export {
  DeadLetterDesk,
  listDeadLetters,
  type DeadLetterList,
  type DeadLetterSummary,
  type DeliveryRequeue,
  type DiscardResult,
  type JudicialDeadLetter,
  type JudicialDeliveryRequeue,
  type ReplayResult,
} from './dead-letter.desk';
export {
  DELIVERY_ORIGIN,
  JUDICIAL_DELIVERY_ORIGIN,
  resolveReplayTarget,
  type ReplayTarget,
} from './dead-letter-origin.resolver';
export { DeadLettersError, DeadLettersErrorCode } from './dead-letters.error';
