export enum HoldsErrorCode {
  /** No hold has this id (nor this message id). */
  NotFound = 'HOLD_NOT_FOUND',
  /** The hold was already released, rejected or expired: a decision comes too late. */
  NotWaiting = 'HOLD_NOT_WAITING',
  /** The hold's time ran out before this decision. */
  Expired = 'HOLD_EXPIRED',
  /** This operator already decided this hold: four eyes means two different people. */
  OperatorAlreadyDecided = 'HOLD_OPERATOR_ALREADY_DECIDED',
  /** The signer's certificate is valid but not an operator's. */
  NotAnOperator = 'HOLD_NOT_AN_OPERATOR',
  /** The signature of the decision does not verify (trust code in `detail.trustCode`). */
  SignatureRefused = 'HOLD_SIGNATURE_REFUSED',
  /** The signed statement is not a decision on this hold (other hold, bad shape, no reason for a refusal). */
  StatementInvalid = 'HOLD_STATEMENT_INVALID',
  /** The operator's credential files cannot be read. */
  CredentialInvalid = 'HOLD_CREDENTIAL_INVALID',
  /** The store's options are incomplete (no file, no URL). */
  ConfigInvalid = 'HOLD_CONFIG_INVALID',
  MigrationFailed = 'HOLD_MIGRATION_FAILED',
  /**
   * Re-checked by the router before forwarding, the stored approvals do not verify (signature, CA,
   * CRL, role, distinct operators, count): the message is not forwarded.
   */
  ApprovalsUnverified = 'HOLD_APPROVALS_UNVERIFIED',
  /** The held message's sealed bytes do not open (another payload key, or the row was altered). */
  BodyUnreadable = 'HOLD_BODY_UNREADABLE',
}

export class HoldsError extends Error {
  override readonly name = 'HoldsError';

  constructor(
    readonly code: HoldsErrorCode,
    message: string,
    readonly detail: Record<string, unknown> = {},
    options: { cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }
}
