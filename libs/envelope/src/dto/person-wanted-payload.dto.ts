// class-validator mirror of PersonWantedPayload (docs/architecture.md). A RED notice rests on a
// warrant, hence at least one warrant.
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsNumber,
  IsObject,
  IsPositive,
  IsString,
  Max,
  ValidateNested,
} from 'class-validator';
import { EYE_COLOURS, HAIR_COLOURS, SEXES } from '../envelope.constants';
import {
  IsAbsoluteUri,
  IsCountryCode,
  IsJsonObject,
  IsLanguageCode,
  IsPartialDate,
  Optional,
} from './pcms-constraints.validators';

const FINITE = { allowNaN: false, allowInfinity: false } as const;

export class PersonNameDto {
  @IsString()
  @IsNotEmpty()
  familyName: string;

  @Optional()
  @IsString()
  @IsNotEmpty()
  givenNames?: string;
}

export class BirthPlaceDto {
  @Optional()
  @IsString()
  @IsNotEmpty()
  place?: string;

  @Optional()
  @IsCountryCode()
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

  @Optional()
  @IsString()
  @IsNotEmpty()
  distinguishingMarks?: string;
}

export class PhotoDto {
  @IsAbsoluteUri()
  uri: string;

  @Optional()
  @IsString()
  caption?: string;
}

export class WantedSubjectDto extends PersonNameDto {
  @Optional()
  @IsString()
  @IsNotEmpty()
  nameInOriginalScript?: string;

  @Optional()
  @IsArray()
  @IsJsonObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PersonNameDto)
  aliases?: PersonNameDto[];

  @Optional()
  @IsIn(SEXES)
  sex?: 'M' | 'F' | 'U';

  @Optional()
  @IsPartialDate()
  birthDate?: string;

  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => BirthPlaceDto)
  birthPlace?: BirthPlaceDto;

  @Optional()
  @IsArray()
  @IsCountryCode({ each: true })
  nationalities?: string[];

  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => PhysicalDescriptionDto)
  physicalDescription?: PhysicalDescriptionDto;

  @Optional()
  @IsArray()
  @IsLanguageCode({ each: true })
  languages?: string[];

  @Optional()
  @IsArray()
  @IsJsonObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => PhotoDto)
  photos?: PhotoDto[];
}

export class WarrantDto {
  @IsString()
  @IsNotEmpty()
  reference: string;

  @IsCountryCode()
  issuingCountry: string;

  @Optional()
  @IsString()
  @IsNotEmpty()
  issuingAuthority?: string;

  @Optional()
  @IsPartialDate()
  issuedOn?: string;

  @IsString()
  @IsNotEmpty()
  charge: string;

  @Optional()
  @IsString()
  @IsNotEmpty()
  law?: string;

  @Optional()
  @IsString()
  @IsNotEmpty()
  maximumPenalty?: string;
}

export class FactsDto {
  @IsString()
  @IsNotEmpty()
  summary: string;

  @Optional()
  @IsPartialDate()
  date?: string;

  @Optional()
  @IsString()
  @IsNotEmpty()
  place?: string;

  @Optional()
  @IsCountryCode()
  country?: string;
}

export class PersonWantedPayloadDto {
  @IsObject()
  @ValidateNested()
  @Type(() => WantedSubjectDto)
  subject: WantedSubjectDto;

  @IsArray()
  @ArrayMinSize(1)
  @IsJsonObject({ each: true })
  @ValidateNested({ each: true })
  @Type(() => WarrantDto)
  warrants: WarrantDto[];

  @Optional()
  @IsObject()
  @ValidateNested()
  @Type(() => FactsDto)
  facts?: FactsDto;
}
