// class-validator mirror of PersonMissingPayload (docs/architecture.md): person.missing ⇄ YELLOW.
import { NestedObject, OptionalNestedObject, OptionalText, TEXT } from './field.decorators';
import { OccurrenceDto, PersonSubjectDto } from './person-subject.dto';

/** Family names a search for a missing person often turns on (a married name hides the birth name). */
export class MissingPersonFamilyDto {
  @OptionalText(TEXT.name)
  birthName?: string;

  @OptionalText(TEXT.name)
  fatherGivenNames?: string;

  @OptionalText(TEXT.name)
  motherFamilyName?: string;

  @OptionalText(TEXT.name)
  motherGivenNames?: string;
}

export class DisappearanceDto extends OccurrenceDto {
  @OptionalText(TEXT.circumstances)
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
