// class-validator mirror of ModusOperandiPayload (docs/architecture.md): modus-operandi ⇄ PURPLE.
// About a way of offending, not a person: no subject.
import {
  NestedObject,
  OCCURS,
  OptionalCountryList,
  OptionalPastDate,
  OptionalText,
  OptionalTextList,
  RequiredText,
  TEXT,
} from './field.decorators';

export class ModusOperandiDto {
  @RequiredText(TEXT.offence)
  offence: string;

  @RequiredText(TEXT.description)
  description: string;

  @OptionalTextList(OCCURS.methods, TEXT.method)
  methods?: string[];

  @OptionalTextList(OCCURS.objects, TEXT.method)
  objects?: string[];

  @OptionalText(TEXT.concealment)
  concealment?: string;

  // Facts that happened: neither start nor end ahead of today; an ongoing period leaves periodTo out.
  @OptionalPastDate()
  periodFrom?: string;

  @OptionalPastDate()
  periodTo?: string;

  @OptionalCountryList(OCCURS.countryCodes)
  countries?: string[];
}

export class ModusOperandiPayloadDto {
  @NestedObject(() => ModusOperandiDto)
  modusOperandi: ModusOperandiDto;
}
