// class-validator mirror of SanctionsUnPayload (docs/architecture.md): sanctions.un ⇄ the
// INTERPOL–UN Security Council Special Notice, which is about one listed person or one listed
// entity: exactly one of `subject` and `entity`.
import { AbsentWhen, OptionalUnless } from './cross-field.validators';
import {
  NestedObject,
  OCCURS,
  OptionalCountry,
  OptionalNestedList,
  OptionalNestedObject,
  OptionalBoundedDate,
  OptionalPastDate,
  OptionalText,
  OptionalTextList,
  RequiredText,
  TEXT,
} from './field.decorators';
import { PersonSubjectDto } from './person-subject.dto';

const hasEntity = (payload: Record<string, unknown>): boolean => payload.entity !== undefined;
const hasNoEntity = (payload: Record<string, unknown>): boolean => payload.entity === undefined;

export class UnListingDto {
  /** The UN list's permanent reference, e.g. 'QDi.431'. */
  @RequiredText(TEXT.unReference)
  reference: string;

  @OptionalPastDate()
  referenceDate?: string;

  @OptionalText(TEXT.unResolution)
  resolution?: string;

  @OptionalText(TEXT.summary)
  summary?: string;
}

export class SanctionedPersonDto extends PersonSubjectDto {
  @OptionalText(TEXT.profession)
  profession?: string;

  /** As the UN list writes them ("Agadez, Niger"): the router reads the G5 countries they name. */
  @OptionalTextList(OCCURS.addresses, TEXT.address)
  addresses?: string[];
}

export class SanctionedEntityDto {
  @RequiredText(TEXT.entityName)
  name: string;

  @OptionalTextList(OCCURS.entityNames, TEXT.entityName)
  alsoKnownAs?: string[];

  @OptionalTextList(OCCURS.entityNames, TEXT.entityName)
  formerlyKnownAs?: string[];

  @OptionalText(TEXT.mainActivity)
  mainActivity?: string;

  @OptionalTextList(OCCURS.addresses, TEXT.address)
  addresses?: string[];
}

export class IdentityDocumentDto {
  /** 'passport', 'national identity card', … as the UN list words it. */
  @RequiredText(TEXT.documentType)
  type: string;

  @RequiredText(TEXT.documentNumber)
  number: string;

  @OptionalCountry()
  issuingCountry?: string;

  @OptionalPastDate()
  issuedOn?: string;

  @OptionalBoundedDate()
  expiresOn?: string;
}

export class SanctionsUnPayloadDto {
  @NestedObject(() => UnListingDto)
  un: UnListingDto;

  @OptionalUnless(
    hasNoEntity,
    'is required unless entity is given (a UN notice lists one person or one entity)',
  )
  @AbsentWhen(
    hasEntity,
    'must not be given with entity: a UN notice lists one person or one entity, not both',
  )
  @NestedObject(() => SanctionedPersonDto)
  subject?: SanctionedPersonDto;

  @OptionalNestedObject(() => SanctionedEntityDto)
  entity?: SanctionedEntityDto;

  @OptionalNestedList(() => IdentityDocumentDto, OCCURS.identityDocuments)
  identityDocuments?: IdentityDocumentDto[];
}
