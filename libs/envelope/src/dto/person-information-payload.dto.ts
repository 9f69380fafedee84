// class-validator mirror of PersonInformationPayload (docs/architecture.md): person.information ⇄ BLUE.
import { PersonSubjectDto } from './person-subject.dto';
import { NestedObject, OptionalCountry, OptionalText, RequiredText } from './field.decorators';

export class InquiryDto {
  /** Why the person's identity, whereabouts or activities are sought: a BLUE notice must say. */
  @RequiredText()
  purpose: string;

  @OptionalText()
  requested?: string;

  @OptionalText()
  lastKnownPlace?: string;

  @OptionalCountry()
  lastKnownCountry?: string;

  @OptionalText()
  activities?: string;
}

export class PersonInformationPayloadDto {
  @NestedObject(() => PersonSubjectDto)
  subject: PersonSubjectDto;

  @NestedObject(() => InquiryDto)
  inquiry: InquiryDto;
}
