// Every refusal of the judicial foundations carries one of these codes; the texts are for people,
// the codes for programs (quarantine reasons, statistics, tests). Never branch on the text.
export enum JudicialErrorCode {
  /** The payload of a judicial.request does not follow the contract (issues list each field). */
  RequestInvalid = 'JUDICIAL_REQUEST_INVALID',
  /** A request or status names an authority the directory does not list. */
  AuthorityUnknown = 'JUDICIAL_AUTHORITY_UNKNOWN',
  /** The authority exists but may not play that part (a focal point is not a central authority). */
  AuthorityWrongRole = 'JUDICIAL_AUTHORITY_WRONG_ROLE',
  /** Requesting and requested authorities belong to the same state: not international cooperation. */
  SameState = 'JUDICIAL_SAME_STATE',
  /** The treaty a request rests on is not in the directory, or does not bind both states. */
  TreatyNotInForce = 'JUDICIAL_TREATY_NOT_IN_FORCE',
  /** The requested authority does not accept the request's channel. */
  ChannelNotAccepted = 'JUDICIAL_CHANNEL_NOT_ACCEPTED',

  /** The status message itself is malformed (unknown state, no date, another request's id). */
  StatusInvalid = 'JUDICIAL_STATUS_INVALID',
  /** No row of the transitions table leads from the current state to this one for this kind. */
  TransitionIllegal = 'JUDICIAL_TRANSITION_ILLEGAL',
  /** The row exists but belongs to the other side (only the requested side executes, only the requester withdraws). */
  TransitionWrongParty = 'JUDICIAL_TRANSITION_WRONG_PARTY',
  /** The sender's state is neither the requesting nor the requested one. */
  StatusNotAParty = 'JUDICIAL_STATUS_NOT_A_PARTY',
  /** A refusal (REFUSED, DENIED) must give its grounds. */
  GroundsMissing = 'JUDICIAL_GROUNDS_MISSING',

  /** The directory file cannot be read or parsed as YAML. */
  DirectoryUnreadable = 'JUDICIAL_DIRECTORY_UNREADABLE',
  /** A field of the directory has the wrong shape (issues name the path). */
  DirectoryInvalid = 'JUDICIAL_DIRECTORY_INVALID',
  DirectoryDuplicateNetwork = 'JUDICIAL_DIRECTORY_DUPLICATE_NETWORK',
  DirectoryDuplicateState = 'JUDICIAL_DIRECTORY_DUPLICATE_STATE',
  /** A state id that is not an assigned ISO 3166-1 alpha-2 code. */
  DirectoryUnknownState = 'JUDICIAL_DIRECTORY_UNKNOWN_STATE',
  DirectoryDuplicateAuthority = 'JUDICIAL_DIRECTORY_DUPLICATE_AUTHORITY',
  /** An authority of a state the directory does not list. */
  DirectoryAuthorityStateNotListed = 'JUDICIAL_DIRECTORY_AUTHORITY_STATE_NOT_LISTED',
  DirectoryUnknownRole = 'JUDICIAL_DIRECTORY_UNKNOWN_ROLE',
  /** A network role (platform focal point, WACAP focal point) in a state that is not a member then. */
  DirectoryRoleWithoutMembership = 'JUDICIAL_DIRECTORY_ROLE_WITHOUT_MEMBERSHIP',
  /** A state without an MLA central authority: requests to it would have nowhere to go. */
  DirectoryNoCentralAuthority = 'JUDICIAL_DIRECTORY_NO_CENTRAL_AUTHORITY',
  DirectoryUnknownNetwork = 'JUDICIAL_DIRECTORY_UNKNOWN_NETWORK',
  DirectoryDuplicateTreaty = 'JUDICIAL_DIRECTORY_DUPLICATE_TREATY',
  /** A treaty naming a state the directory does not list. */
  DirectoryTreatyUnknownState = 'JUDICIAL_DIRECTORY_TREATY_UNKNOWN_STATE',
  /** A membership that ends before it starts, starts before its network, or overlaps another. */
  DirectoryBadPeriod = 'JUDICIAL_DIRECTORY_BAD_PERIOD',
  /** Two follow-up rules for the same kind and urgency. */
  DirectoryDuplicateFollowUpRule = 'JUDICIAL_DIRECTORY_DUPLICATE_FOLLOW_UP_RULE',

  /** A request id already stored with other bytes: a request is never rewritten in place. */
  RequestConflict = 'JUDICIAL_REQUEST_CONFLICT',
  /** A status or receipt about a request the store does not hold. */
  RequestUnknown = 'JUDICIAL_REQUEST_UNKNOWN',
  /**
   * A judicial message (the signed document an authority posts: type, id, sentAt, from, payload)
   * that is not one: not UTF-8 JSON, nested too deep, a repeated key, a field missing or wrong.
   */
  MessageInvalid = 'JUDICIAL_MESSAGE_INVALID',
  /** The payload of a judicial.contact does not follow the contract (to, subject, text, language). */
  ContactInvalid = 'JUDICIAL_CONTACT_INVALID',
  /** A transport receipt that cannot be recorded (a negative one without its reason). */
  ReceiptInvalid = 'JUDICIAL_RECEIPT_INVALID',
  /** The journal's database cannot be opened for the request store (no file, no URL, a bad key). */
  StoreConfigInvalid = 'JUDICIAL_STORE_CONFIG_INVALID',
  StoreMigrationFailed = 'JUDICIAL_STORE_MIGRATION_FAILED',
  /** A request's sealed bytes do not open: another payload key, or the row was altered. */
  PayloadUnreadable = 'JUDICIAL_PAYLOAD_UNREADABLE',
}

/** One thing wrong, where it is, in English then French. */
export interface JudicialIssue {
  code: JudicialErrorCode;
  /** Dotted path with indices (`offences[0].provision`), '' for the whole. */
  path: string;
  reason: string;
  raison: string;
  file?: string;
  line?: number;
  column?: number;
}

export class JudicialError extends Error {
  override readonly name = 'JudicialError';

  constructor(
    readonly code: JudicialErrorCode,
    message: string,
    readonly issues: readonly JudicialIssue[] = [],
    options: { cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
  }
}
