// class-validator mirror of BodyUnidentifiedPayload (docs/architecture.md): body.unidentified ⇄
// BLACK. No subject: nobody knows the name; at most a possible identity.
import { IsIn, IsInt, IsNumber, IsPositive, Max, Min } from 'class-validator';
import { SEXES } from '../envelope.constants';
import { NotLessThan } from './cross-field.validators';
import {
  NestedObject,
  OptionalCountry,
  OptionalCountryList,
  OptionalNestedList,
  OptionalNestedObject,
  OptionalPartialDate,
  OptionalText,
  RequiredText,
} from './field.decorators';
import { PersonNameDto, PhotoDto } from './person-subject.dto';
import { Optional } from './pcms-constraints.validators';

const MAX_AGE_YEARS = 150;

export class BodyDto {
  @RequiredText()
  description: string;

  @OptionalPartialDate()
  foundOn?: string;

  @OptionalText()
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
  @Max(MAX_AGE_YEARS)
  estimatedAgeMin?: number;

  @Optional()
  @IsInt()
  @Min(0)
  @Max(MAX_AGE_YEARS)
  @NotLessThan('estimatedAgeMin')
  estimatedAgeMax?: number;

  @Optional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @IsPositive()
  @Max(300)
  heightCm?: number;

  @OptionalText()
  distinguishingMarks?: string;

  @OptionalText()
  causeOfDeath?: string;

  @OptionalNestedList(() => PhotoDto)
  photos?: PhotoDto[];
}

export class PossibleIdentityDto extends PersonNameDto {
  @OptionalCountryList()
  nationalities?: string[];
}

export class BodyUnidentifiedPayloadDto {
  @NestedObject(() => BodyDto)
  body: BodyDto;

  @OptionalNestedObject(() => PossibleIdentityDto)
  possibleIdentity?: PossibleIdentityDto;
}
