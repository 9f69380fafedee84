// class-validator mirror of AlertHazardPayload (docs/architecture.md): alert.hazard ⇄ ORANGE. The
// hazard is the subject; a person is named only when one is linked to it.
import { IsIn } from 'class-validator';
import { HAZARD_KINDS, type HazardKind } from '../envelope.constants';
import { PersonSubjectDto } from './person-subject.dto';
import {
  NestedObject,
  OptionalCountry,
  OptionalNestedObject,
  OptionalPastDate,
  OptionalText,
  RequiredText,
  TEXT,
} from './field.decorators';

export class HazardDto {
  @IsIn(HAZARD_KINDS)
  kind: HazardKind;

  @RequiredText(TEXT.description)
  description: string;

  @OptionalPastDate()
  detectedOn?: string;

  @OptionalText(TEXT.place)
  place?: string;

  @OptionalCountry()
  country?: string;

  @OptionalText(TEXT.precautions)
  precautions?: string;
}

export class AlertHazardPayloadDto {
  @NestedObject(() => HazardDto)
  hazard: HazardDto;

  @OptionalNestedObject(() => PersonSubjectDto)
  subject?: PersonSubjectDto;
}
