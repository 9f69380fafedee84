export { contentDerivedId } from './content-id';
export { isGatewayCodedError } from './gateway-error-codes';
export {
  InboundNoticePipeline,
  InboundRejectionCode,
  type AcceptedNotice,
  type InboundNotice,
} from './inbound-notice.pipeline';
export { OutboundNoticePipeline, type SignedNotice } from './outbound-notice.pipeline';
export { platformOf, type CertifiedParty } from './platform-speaker';
export {
  oversizeRecord,
  OversizeRecordHeader,
  refusalRecord,
  type Door,
  type OversizeRecord,
} from './oversize.record';
export { PipelineRejection, runStages, toRejection, UNEXPECTED, type Stage, type StageName } from './stage';
export {
  SubmissionPipeline,
  SubmissionRejectionCode,
  type Submission,
  type SubmissionLimits,
  type SubmissionResult,
} from './submission.pipeline';
