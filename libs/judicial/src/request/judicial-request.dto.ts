// The payload of a `judicial.request` (issue 15): the fields of UNODC's MLA request writer tool,
// checked field by field. Whether the two authorities exist, and the treaty binds their states,
// is the directory's to say: `checkRequestAgainstDirectory`, a separate step.
import { FactsDto, isLanguageCode } from '@pcms/envelope';
import { ArrayUnique, IsArray, IsIn, IsUUID } from 'class-validator';
import {
  REQUEST_CHANNELS,
  REQUEST_KINDS,
  type RequestChannel,
  type RequestKind,
} from '../judicial.constants';
import { AttachmentDto } from './attachment.dto';
import { JudicialPersonDto } from './judicial-person.dto';
import {
  Holds,
  NestedList,
  NestedObject,
  OptionalNestedObject,
  OptionalUnless,
  Satisfies,
} from './judicial-field.decorators';
import { LegalBasisDto } from './legal-basis.dto';
import { MeasureDto } from './measure.dto';
import { OffenceDto } from './offence.dto';
import { RequestedSideDto, RequestingSideDto } from './request-side.dto';
import { NeededByDto, UrgencyDto } from './timing.dto';

/** The kinds whose object is to hand a person over: they follow the surrender path of the lifecycle. */
export const DELIVERS_A_PERSON: readonly RequestKind[] = ['extradition', 'provisional-arrest'];

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export class JudicialRequest {
  /** Stable across every message about the request (statuses name it); chosen by the requester. */
  @IsUUID()
  requestId: string;

  @IsIn(REQUEST_KINDS)
  kind: RequestKind;

  @NestedObject(() => UrgencyDto)
  urgency: UrgencyDto;

  @NestedList(() => LegalBasisDto, 1)
  legalBasis: LegalBasisDto[];

  @IsIn(REQUEST_CHANNELS)
  channel: RequestChannel;

  @NestedObject(() => RequestingSideDto)
  requesting: RequestingSideDto;

  @NestedObject(() => RequestedSideDto)
  requested: RequestedSideDto;

  @NestedObject(() => FactsDto)
  facts: FactsDto;

  @NestedList(() => OffenceDto, 1)
  offences: OffenceDto[];

  /** An extradition or a provisional arrest is about someone: at least one `sought` person (checked below). */
  @NestedList(() => JudicialPersonDto)
  @Holds(
    'soughtPersonNamed',
    (persons, request) =>
      !DELIVERS_A_PERSON.includes(request.kind as RequestKind) ||
      (Array.isArray(persons) && persons.some((person) => isRecord(person) && person.role === 'sought')),
    'must name a person with role sought for an extradition or a provisional arrest',
  )
  persons: JudicialPersonDto[];

  @NestedList(() => MeasureDto, 1)
  measures: MeasureDto[];

  @OptionalNestedObject(() => NeededByDto)
  neededBy?: NeededByDto;

  /** The language the request is written in, ISO 639-2/B ('fre', 'eng', 'por', 'ara'). */
  @Satisfies('isLanguageCode', isLanguageCode, 'must be an ISO 639-2/B language code of 3 lower-case letters')
  language: string;

  @NestedList(() => AttachmentDto)
  attachments: AttachmentDto[];

  /** Earlier requests this one completes or follows (a supplementary request names at least one). */
  @OptionalUnless((request) => request.kind === 'supplementary', 'is required for a supplementary request')
  @IsArray()
  @Holds(
    'linkedWhenSupplementary',
    (linked, request) => request.kind !== 'supplementary' || (Array.isArray(linked) && linked.length > 0),
    'must name the request a supplementary request completes',
  )
  @ArrayUnique()
  @IsUUID('all', { each: true })
  linkedRequests?: string[];
}
