// class-validator mirror of BodyUnidentifiedPayload (docs/architecture.md): body.unidentified ⇄
// BLACK. No subject: nobody knows the name; at most a possible identity.
import { NOTICE_AGE_YEARS_MAX, NOTICE_HEIGHT_CM_MAX } from '@pcms/notice';
import { IsIn, IsInt, IsPositive, Max, Min } from 'class-validator';
import { SEXES } from '../envelope.constants';
import { NotLessThan } from './cross-field.validators';
import {
  NestedObject,
  OCCURS,
  OptionalCountry,
  OptionalCountryList,
  OptionalNestedList,
  OptionalNestedObject,
  OptionalPastDate,
  OptionalText,
  RequiredText,
  TEXT,
} from './field.decorators';
import { PersonNameDto, PhotoDto } from './person-subject.dto';
import { Optional } from './pcms-constraints.validators';

export class BodyDto {
  @RequiredText(TEXT.description)
  description: string;

  @OptionalPastDate()
  foundOn?: string;

  @OptionalText(TEXT.place)
  foundPlace?: string;

  @OptionalCountry()
  foundCountry?: string;

  @Optional()
  @IsIn(SEXES)
  sex?: 'M' | 'F' | 'U';

  /** Years, as a forensic estimate gives them: a range, whole years. */
  @Optional()
  @IsInt()
  @Min(0)
  @Max(NOTICE_AGE_YEARS_MAX)
  estimatedAgeMin?: number;

  @Optional()
  @IsInt()
  @Min(0)
  @Max(NOTICE_AGE_YEARS_MAX)
  @NotLessThan('estimatedAgeMin')
  estimatedAgeMax?: number;

  // xs:positiveInteger in the notice schema, as the person's height.
  @Optional()
  @IsInt()
  @IsPositive()
  @Max(NOTICE_HEIGHT_CM_MAX)
  heightCm?: number;

  @OptionalText(TEXT.marks)
  distinguishingMarks?: string;

  @OptionalText(TEXT.causeOfDeath)
  causeOfDeath?: string;

  @OptionalNestedList(() => PhotoDto, OCCURS.photos)
  photos?: PhotoDto[];
}

export class PossibleIdentityDto extends PersonNameDto {
  @OptionalCountryList(OCCURS.nationalities)
  nationalities?: string[];
}

export class BodyUnidentifiedPayloadDto {
  @NestedObject(() => BodyDto)
  body: BodyDto;

  @OptionalNestedObject(() => PossibleIdentityDto)
  possibleIdentity?: PossibleIdentityDto;
}
