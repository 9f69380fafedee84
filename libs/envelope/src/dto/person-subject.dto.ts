// class-validator mirror of PersonSubject (docs/architecture.md): the person a notice is about,
// shared as is by every payload that names one (wanted, missing, information, threat, hazard, UN,
// request, response), with the facts block the wanted and threat payloads share.
import { IsArray, IsIn, IsNumber, IsPositive, IsString, Max } from 'class-validator';
import { EYE_COLOURS, HAIR_COLOURS, SEXES } from '../envelope.constants';
import {
  OptionalCountry,
  OptionalCountryList,
  OptionalNestedList,
  OptionalNestedObject,
  OptionalPartialDate,
  OptionalText,
  RequiredText,
} from './field.decorators';
import { IsAbsoluteUri, IsLanguageCode, Optional } from './pcms-constraints.validators';

const FINITE = { allowNaN: false, allowInfinity: false } as const;

export class PersonNameDto {
  @RequiredText()
  familyName: string;

  @OptionalText()
  givenNames?: string;
}

export class BirthPlaceDto {
  @OptionalText()
  place?: string;

  @OptionalCountry()
  country?: string;
}

export class PhysicalDescriptionDto {
  @Optional()
  @IsNumber(FINITE)
  @IsPositive()
  @Max(300)
  heightCm?: number;

  @Optional()
  @IsNumber(FINITE)
  @IsPositive()
  @Max(700)
  weightKg?: number;

  @Optional()
  @IsIn(EYE_COLOURS)
  eyeColour?: string;

  @Optional()
  @IsIn(HAIR_COLOURS)
  hairColour?: string;

  @OptionalText()
  distinguishingMarks?: string;
}

export class PhotoDto {
  @IsAbsoluteUri()
  uri: string;

  @Optional()
  @IsString()
  caption?: string;
}

export class PersonSubjectDto extends PersonNameDto {
  @OptionalText()
  nameInOriginalScript?: string;

  @OptionalNestedList(() => PersonNameDto)
  aliases?: PersonNameDto[];

  @Optional()
  @IsIn(SEXES)
  sex?: 'M' | 'F' | 'U';

  @OptionalPartialDate()
  birthDate?: string;

  @OptionalNestedObject(() => BirthPlaceDto)
  birthPlace?: BirthPlaceDto;

  @OptionalCountryList()
  nationalities?: string[];

  @OptionalNestedObject(() => PhysicalDescriptionDto)
  physicalDescription?: PhysicalDescriptionDto;

  @Optional()
  @IsArray()
  @IsLanguageCode({ each: true })
  languages?: string[];

  @OptionalNestedList(() => PhotoDto)
  photos?: PhotoDto[];
}

/** When and where something happened (the facts of a case, a disappearance), each part optional. */
export class OccurrenceDto {
  @OptionalPartialDate()
  date?: string;

  @OptionalText()
  place?: string;

  @OptionalCountry()
  country?: string;
}

export class FactsDto extends OccurrenceDto {
  @RequiredText()
  summary: string;
}
