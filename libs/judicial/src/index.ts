export * from './judicial.constants';
export { JudicialError, JudicialErrorCode, type JudicialIssue } from './judicial.error';
export { DELIVERS_A_PERSON, JudicialRequest } from './request/judicial-request.dto';
export { AttachmentDto } from './request/attachment.dto';
export { JudicialPersonDto } from './request/judicial-person.dto';
export { LegalBasisDto } from './request/legal-basis.dto';
export { MeasureDto } from './request/measure.dto';
export { MaximumPenaltyDto, OffenceDto } from './request/offence.dto';
export { RequestedSideDto, RequestingSideDto } from './request/request-side.dto';
export { NeededByDto, UrgencyDto } from './request/timing.dto';
export {
  validateJudicialRequest,
  type JudicialRequestValidation,
} from './request/judicial-request.validator';
export { JUDICIAL_STATES, isJudicialState, type JudicialState } from './lifecycle/judicial-states';
export { TRANSITIONS, isFinal, transitionFor, type Transition } from './lifecycle/transition.table';
export {
  draftRecord,
  type JudicialRequestRecord,
  type JudicialStatus,
  type RefusalGrounds,
  type StateChange,
} from './lifecycle/judicial-status';
export {
  applyStatus,
  type StateOfAuthority,
  type StatusOutcome,
  type StatusRefusal,
} from './lifecycle/status.applier';
export {
  JudicialStatusDto,
  RefusalGroundsDto,
  validateJudicialStatus,
} from './lifecycle/judicial-status.dto';
export {
  TRANSPORT_EVIDENCE,
  isNegativeEvidence,
  recordReceipt,
  type ReceiptOutcome,
  type TransportEvidence,
  type TransportReceipt,
} from './receipts/transport-receipt';
export {
  AUTHORITY_ROLES,
  CONTACT_KINDS,
  NETWORK_ONLY_ROLES,
  ROLE_NETWORK,
  TREATY_SCOPES,
  isAuthorityRole,
  scopeOfKind,
  type AuthorityRole,
  type Bilingual,
  type Contact,
  type ContactKind,
  type DirectoryAuthority,
  type DirectoryData,
  type DirectoryNetwork,
  type DirectoryState,
  type DirectoryTreaty,
  type Membership,
  type TreatyScope,
} from './directory/directory.model';
export { JudicialDirectory } from './directory/judicial-directory';
export {
  loadJudicialDirectory,
  parseJudicialDirectory,
  readJudicialDirectory,
  type DirectoryReport,
} from './directory/directory.reader';
export { checkRequestAgainstDirectory } from './request/request-directory.check';
export {
  DEFAULT_FOLLOW_UP,
  reminderDays,
  type FollowUpPolicy,
  type FollowUpRule,
} from './follow-up/follow-up.policy';
export { DAY_MS, overdueOf, type FollowedRequest, type Overdue } from './follow-up/overdue';
export {
  EXECUTION_STATE,
  judicialStats,
  median,
  submittedIn,
  submittedOn,
  type PairStats,
  type StatsInput,
  type StatsPeriod,
} from './follow-up/judicial-stats';
export { STATS_CSV_HEADER, statsCsv } from './follow-up/stats.csv';
export type {
  FiredReminder,
  JudicialRequestList,
  JudicialStore,
  MoveOutcome,
  ReceiptStoreOutcome,
  StoredJudicialRequest,
  SubmitOutcome,
} from './store/judicial-store.types';
export {
  judicialStoreFromConfig,
  openJudicialStore,
  type OpenJudicialStoreOptions,
} from './store/judicial-store.factory';
export {
  JUDICIAL_MESSAGES_PATH,
  JUDICIAL_MESSAGE_TYPES,
  type JudicialContact,
  type JudicialContactMessage,
  type JudicialDestination,
  type JudicialMessage,
  type JudicialMessageType,
  type JudicialRequestMessage,
  type JudicialStatusMessage,
} from './wire/judicial-message';
export {
  NOTICE_LINKED_KINDS,
  SUBJECT_ARRESTED_STATES,
  noticeLinksOf,
  type NoticeLink,
} from './links/notice-link';
export { noticeLinkedStages, noticeMoveStages } from './links/notice-link.stages';
export {
  noticeStanding,
  type NoticeStanding,
  type NoticeStatus,
  type SubjectArrest,
} from './links/notice-standing';
export {
  decideJudicial,
  type JudicialRoutingContext,
  type JudicialRoutingDecision,
  type RoutedRequest,
} from './routing/judicial-routing';
export {
  JUDICIAL_FOLLOW_UP_APP,
  fireDueReminders,
  owedBy,
  remindedStage,
  type ReminderClockDeps,
  type ReminderFacts,
} from './follow-up/reminder.clock';
export {
  CONTACT_SUBJECT_MAX,
  CONTACT_TEXT_MAX,
  JudicialContactDto,
  validateJudicialContact,
  type JudicialContactValidation,
} from './contact/judicial-contact.dto';
export { AUTHORITY_ROLE, JudicialDoor } from './door/judicial-door';
export {
  attachmentSourceOf,
  checkAttachmentOrigins,
  JUDICIAL_ATTACHMENTS_PATH,
  verifyAttachmentDigests,
  type AttachmentFetch,
  type AttachmentUnreachable,
} from './door/judicial-door.attachments';
export {
  JudicialPeerAttachments,
  judicialPeerAttachmentsOf,
  type JudicialPeerFile,
} from './peer/judicial-peer.attachments';
export {
  judicialAttachmentFetcher,
  type JudicialAttachmentFetcherOptions,
} from './door/judicial-attachment.fetcher';
export {
  JudicialDoorCode,
  type JudicialDoorRefusal,
  type JudicialDoorStage,
} from './door/judicial-door.codes';
export type {
  AcceptedJudicialMessage,
  DoorClient,
  JudicialDoorAnswer,
  JudicialDoorEvent,
  JudicialDoorInput,
  JudicialDoorOptions,
  JudicialDoorPorts,
  OversizeMeasure,
  RefusedJudicialMessage,
} from './door/judicial-door.ports';
export { readJudicialMessage, type JudicialMessageReading } from './door/judicial-message.reader';
export { FOCAL_POINT_ROLES, checkSender } from './door/judicial-sender.rules';
export {
  JUDICIAL_DELIVERY_QUEUE,
  isJudicialDeliveryJob,
  judicialJobId,
  type JudicialDeliveryJob,
} from './delivery/judicial-delivery.job';
export {
  judicialDeliveryQueue,
  judicialHttpsSender,
  type ClosableJudicialSender,
  type JudicialDeliveryQueue,
  type JudicialSenderOptions,
} from './delivery/judicial-delivery.queue';
export {
  INTERPOL_DESTINATION,
  JudicialDispatcher,
  endpointOf,
  requestIdOf,
  type DefaultEndpoint,
  type Dispatched,
  type JudicialDispatcherOptions,
} from './delivery/judicial-dispatcher';
export {
  JUDICIAL_DELIVERY_ORIGIN,
  JudicialDeliveryOutcomes,
  type JudicialDeliveryOutcomesOptions,
} from './delivery/judicial-delivery.outcomes';
export {
  judicialRequeue,
  judicialRequeueFromConfig,
  type JudicialRequeueOptions,
} from './delivery/judicial-requeue';
export {
  JUDICIAL_DIFFUSION_MAPPING,
  judicialRequestToDiffusion,
  type JudicialDiffusion,
} from './interpol/judicial-diffusion.codec';
export {
  contactMessage,
  requestMessage,
  statusMessage,
  type ContactInput,
  type MessageStamp,
  type StatusInput,
} from './sending/judicial-message.builders';
export { sendAsAuthority, type DoorAnswer, type SendAsAuthorityOptions } from './sending/send-as-authority';
export {
  JUDICIAL_PEER_ID,
  JudicialPeerCode,
  JudicialPeerInbox,
  type JudicialPeerAcceptance,
  type JudicialPeerDelivery,
  type JudicialPeerInboxOptions,
  type JudicialPeerReceipt,
  type ReceivedJudicialMessage,
} from './peer/judicial-peer.inbox';
export {
  answerReceived,
  judicialPeerInboxOf,
  receivedStatusOf,
  type AutoReceiveOptions,
  type AutoReceiveOutcome,
} from './peer/judicial-peer.responder';
