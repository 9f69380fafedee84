// class-validator mirror of PersonSubject (docs/architecture.md): the person a notice is about,
// shared as is by every payload that names one (wanted, missing, information, threat, hazard, UN,
// request, response), with the facts block the wanted and threat payloads share.
import { NOTICE_HEIGHT_CM_MAX, NOTICE_WEIGHT_KG_MAX } from '@pcms/notice';
import { IsArray, IsIn, IsInt, IsPositive, Max } from 'class-validator';
import { EYE_COLOURS, HAIR_COLOURS, SEXES } from '../envelope.constants';
import {
  BoundedList,
  OptionalCountry,
  OptionalCountryList,
  OptionalNestedList,
  OptionalNestedObject,
  OptionalPastDate,
  OptionalText,
  OCCURS,
  RequiredText,
  TEXT,
} from './field.decorators';
import { IsAbsoluteUri, IsLanguageCode, MaxChars, Optional } from './pcms-constraints.validators';

export class PersonNameDto {
  @RequiredText(TEXT.name)
  familyName: string;

  @OptionalText(TEXT.name)
  givenNames?: string;
}

export class BirthPlaceDto {
  @OptionalText(TEXT.place)
  place?: string;

  @OptionalCountry()
  country?: string;
}

export class PhysicalDescriptionDto {
  // xs:positiveInteger in the notice schema: 171.5 would reach RP and die at INTERPOL.
  @Optional()
  @IsInt()
  @IsPositive()
  @Max(NOTICE_HEIGHT_CM_MAX)
  heightCm?: number;

  @Optional()
  @IsInt()
  @IsPositive()
  @Max(NOTICE_WEIGHT_KG_MAX)
  weightKg?: number;

  @Optional()
  @IsIn(EYE_COLOURS)
  eyeColour?: string;

  @Optional()
  @IsIn(HAIR_COLOURS)
  hairColour?: string;

  @OptionalText(TEXT.marks)
  distinguishingMarks?: string;
}

export class PhotoDto {
  @IsAbsoluteUri()
  @MaxChars(TEXT.href)
  uri: string;

  @OptionalText(TEXT.caption)
  caption?: string;
}

export class PersonSubjectDto extends PersonNameDto {
  @OptionalText(TEXT.nameOriginalScript)
  nameInOriginalScript?: string;

  @OptionalNestedList(() => PersonNameDto, OCCURS.aliases)
  aliases?: PersonNameDto[];

  @Optional()
  @IsIn(SEXES)
  sex?: 'M' | 'F' | 'U';

  @OptionalPastDate()
  birthDate?: string;

  @OptionalNestedObject(() => BirthPlaceDto)
  birthPlace?: BirthPlaceDto;

  @OptionalCountryList(OCCURS.nationalities)
  nationalities?: string[];

  @OptionalNestedObject(() => PhysicalDescriptionDto)
  physicalDescription?: PhysicalDescriptionDto;

  @Optional()
  @IsArray()
  @BoundedList(OCCURS.languages)
  @IsLanguageCode({ each: true })
  languages?: string[];

  @OptionalNestedList(() => PhotoDto, OCCURS.photos)
  photos?: PhotoDto[];
}

/** When and where something happened (the facts of a case, a disappearance), each part optional. */
export class OccurrenceDto {
  @OptionalPastDate()
  date?: string;

  @OptionalText(TEXT.place)
  place?: string;

  @OptionalCountry()
  country?: string;
}

export class FactsDto extends OccurrenceDto {
  @RequiredText(TEXT.summary)
  summary: string;
}
