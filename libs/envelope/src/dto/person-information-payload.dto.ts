// class-validator mirror of PersonInformationPayload (docs/architecture.md): person.information ⇄ BLUE.
import { PersonSubjectDto } from './person-subject.dto';
import { NestedObject, OptionalCountry, OptionalText, RequiredText, TEXT } from './field.decorators';

export class InquiryDto {
  /** Why the person's identity, whereabouts or activities are sought: a BLUE notice must say. */
  @RequiredText(TEXT.purpose)
  purpose: string;

  @OptionalText(TEXT.requested)
  requested?: string;

  @OptionalText(TEXT.place)
  lastKnownPlace?: string;

  @OptionalCountry()
  lastKnownCountry?: string;

  @OptionalText(TEXT.activities)
  activities?: string;
}

export class PersonInformationPayloadDto {
  @NestedObject(() => PersonSubjectDto)
  subject: PersonSubjectDto;

  @NestedObject(() => InquiryDto)
  inquiry: InquiryDto;
}
