export { HOLD_STATUSES } from './hold.types';
export type {
  DecideResult,
  Hold,
  HoldDecision,
  HoldDecisionKind,
  HoldList,
  HoldStatus,
  HoldStore,
  HoldSubject,
  HoldToForward,
  NewHold,
} from './hold.types';
export { HoldsError, HoldsErrorCode } from './holds.error';
export {
  holdStoreFromConfig,
  openHoldStore,
  type HoldsDriver,
  type OpenHoldStoreOptions,
} from './holds-store.factory';
export {
  bindingOf,
  heldMessageSha256,
  readOperatorCredential,
  signHoldStatement,
  type HoldBinding,
  type HoldStatement,
  type SignedHoldStatement,
} from './hold-statement';
export { HoldDesk } from './hold.desk';
export {
  holdDecisionVerifier,
  holdRejectionEvent,
  holdStatementOfToken,
  holdStatementToken,
} from './hold-decision.support';
export { HoldReleaseCheck, type VerifiedApproval } from './hold-release.check';
