// class-validator mirror of PersonMissingPayload (docs/architecture.md): person.missing ⇄ YELLOW.
import { NestedObject, OptionalNestedObject, OptionalText } from './field.decorators';
import { OccurrenceDto, PersonSubjectDto } from './person-subject.dto';

/** Family names a search for a missing person often turns on (a married name hides the birth name). */
export class MissingPersonFamilyDto {
  @OptionalText()
  birthName?: string;

  @OptionalText()
  fatherGivenNames?: string;

  @OptionalText()
  motherFamilyName?: string;

  @OptionalText()
  motherGivenNames?: string;
}

export class DisappearanceDto extends OccurrenceDto {
  @OptionalText()
  circumstances?: string;
}

export class PersonMissingPayloadDto {
  @NestedObject(() => PersonSubjectDto)
  subject: PersonSubjectDto;

  @OptionalNestedObject(() => MissingPersonFamilyDto)
  family?: MissingPersonFamilyDto;

  @NestedObject(() => DisappearanceDto)
  disappearance: DisappearanceDto;
}
