// class-validator mirror of ModusOperandiPayload (docs/architecture.md): modus-operandi ⇄ PURPLE.
// About a way of offending, not a person: no subject.
import {
  NestedObject,
  OptionalCountryList,
  OptionalPartialDate,
  OptionalText,
  OptionalTextList,
  RequiredText,
} from './field.decorators';

export class ModusOperandiDto {
  @RequiredText()
  offence: string;

  @RequiredText()
  description: string;

  @OptionalTextList()
  methods?: string[];

  @OptionalTextList()
  objects?: string[];

  @OptionalText()
  concealment?: string;

  @OptionalPartialDate()
  periodFrom?: string;

  @OptionalPartialDate()
  periodTo?: string;

  @OptionalCountryList()
  countries?: string[];
}

export class ModusOperandiPayloadDto {
  @NestedObject(() => ModusOperandiDto)
  modusOperandi: ModusOperandiDto;
}
