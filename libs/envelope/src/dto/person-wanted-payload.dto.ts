// class-validator mirror of PersonWantedPayload (docs/architecture.md). A RED notice rests on a
// warrant, hence at least one warrant.
import { FactsDto, PersonSubjectDto } from './person-subject.dto';
import {
  NestedList,
  NestedObject,
  OCCURS,
  OptionalNestedObject,
  OptionalPastDate,
  OptionalText,
  RequiredText,
  TEXT,
} from './field.decorators';
import { IsCountryCode } from './pcms-constraints.validators';

export class WarrantDto {
  @RequiredText(TEXT.warrantReference)
  reference: string;

  @IsCountryCode()
  issuingCountry: string;

  @OptionalText(TEXT.authority)
  issuingAuthority?: string;

  @OptionalPastDate()
  issuedOn?: string;

  @RequiredText(TEXT.charge)
  charge: string;

  @OptionalText(TEXT.law)
  law?: string;

  @OptionalText(TEXT.penalty)
  maximumPenalty?: string;
}

export class PersonWantedPayloadDto {
  @NestedObject(() => PersonSubjectDto)
  subject: PersonSubjectDto;

  @NestedList(() => WarrantDto, { min: 1, max: OCCURS.arrestWarrants })
  warrants: WarrantDto[];

  @OptionalNestedObject(() => FactsDto)
  facts?: FactsDto;
}
