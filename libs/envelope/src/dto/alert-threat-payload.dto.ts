// class-validator mirror of AlertThreatPayload (docs/architecture.md): alert.threat ⇄ GREEN.
import { IsBoolean, IsIn } from 'class-validator';
import { THREAT_CATEGORIES, type ThreatCategory } from '../envelope.constants';
import { FactsDto, PersonSubjectDto } from './person-subject.dto';
import { NestedObject, OptionalNestedObject, OptionalPastDate, RequiredText, TEXT } from './field.decorators';
import { Optional } from './pcms-constraints.validators';

export class ThreatDto {
  @IsIn(THREAT_CATEGORIES)
  category: ThreatCategory;

  @RequiredText(TEXT.description)
  description: string;

  @OptionalPastDate()
  assessedOn?: string;

  @Optional()
  @IsBoolean()
  armedAndDangerous?: boolean;
}

export class AlertThreatPayloadDto {
  @NestedObject(() => PersonSubjectDto)
  subject: PersonSubjectDto;

  @NestedObject(() => ThreatDto)
  threat: ThreatDto;

  @OptionalNestedObject(() => FactsDto)
  facts?: FactsDto;
}
