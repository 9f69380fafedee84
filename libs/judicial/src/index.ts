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
