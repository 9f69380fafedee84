// class-validator mirror of PersonWantedPayload (docs/architecture.md). A RED notice rests on a
// warrant, hence at least one warrant.
import { FactsDto, PersonSubjectDto } from './person-subject.dto';
import {
  NestedList,
  NestedObject,
  OptionalNestedObject,
  OptionalPartialDate,
  OptionalText,
  RequiredText,
} from './field.decorators';
import { IsCountryCode } from './pcms-constraints.validators';

export class WarrantDto {
  @RequiredText()
  reference: string;

  @IsCountryCode()
  issuingCountry: string;

  @OptionalText()
  issuingAuthority?: string;

  @OptionalPartialDate()
  issuedOn?: string;

  @RequiredText()
  charge: string;

  @OptionalText()
  law?: string;

  @OptionalText()
  maximumPenalty?: string;
}

export class PersonWantedPayloadDto {
  @NestedObject(() => PersonSubjectDto)
  subject: PersonSubjectDto;

  @NestedList(() => WarrantDto, 1)
  warrants: WarrantDto[];

  @OptionalNestedObject(() => FactsDto)
  facts?: FactsDto;
}
