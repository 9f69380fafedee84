// The shape of config/judicial-directory.yaml, field by field. What the fields refer to (a state
// listed, a role known, a network that exists) is checked afterwards, with codes of its own
// (directory.checks.ts), so that each mistake is named for what it is.
import { isLanguageCode, isPartialDate } from '@pcms/envelope';
import {
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsString,
  IsUrl,
  Matches,
  Max,
  Min,
} from 'class-validator';
import {
  REQUEST_CHANNELS,
  REQUEST_KINDS,
  REQUEST_URGENCIES,
  type RequestChannel,
  type RequestKind,
  type RequestUrgency,
} from '../judicial.constants';
import {
  Holds,
  NestedList,
  NestedObject,
  Optional,
  OptionalNestedObject,
  RequiredText,
  Satisfies,
} from '../request/judicial-field.decorators';
import { isFullDate } from '../request/judicial-predicates';
import { CONTACT_KINDS, TREATY_SCOPES, type ContactKind, type TreatyScope } from './directory.model';

const SLUG = /^[a-z][a-z0-9-]{0,63}$/;
// The PKI's party id syntax (@pcms/trust): an authority's id becomes its certificate's common name.
const PARTY_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
// RFC 5322 in practice: one @, a dot in the domain, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
// E.164-like, digits grouped by spaces for reading.
const PHONE = /^\+[0-9][0-9 ]{5,20}$/;

const PartialDate = (): PropertyDecorator =>
  Satisfies('isPartialDate', isPartialDate, "must be a real date as 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'");
const FullDate = (): PropertyDecorator =>
  Satisfies('isFullDate', isFullDate, "must be a real date as 'YYYY-MM-DD'");
const Languages = (): PropertyDecorator => (target, property) => {
  IsArray()(target, property);
  ArrayMinSize(1)(target, property);
  Satisfies('isLanguageCode', isLanguageCode, 'must hold ISO 639-2/B codes of 3 lower-case letters', {
    each: true,
  })(target, property);
};

export class BilingualDto {
  @RequiredText()
  en: string;

  @RequiredText()
  fr: string;
}

export class NetworkDto {
  @Matches(SLUG, { message: 'must be lower-case letters, digits and dashes' })
  id: string;

  @NestedObject(() => BilingualDto)
  name: BilingualDto;

  @PartialDate()
  founded: string;
}

export class MembershipDto {
  @RequiredText()
  network: string;

  @PartialDate()
  from: string;

  @Optional()
  @PartialDate()
  until?: string;
}

export class StateDto {
  @IsString()
  id: string;

  @NestedObject(() => BilingualDto)
  name: BilingualDto;

  @Languages()
  languages: string[];

  @NestedList(() => MembershipDto)
  memberships: MembershipDto[];
}

export class ContactDto {
  @IsIn(CONTACT_KINDS)
  kind: ContactKind;

  @RequiredText()
  @Holds(
    'contactSyntax',
    (value, contact) =>
      typeof value !== 'string' ||
      (contact.kind === 'email' && EMAIL.test(value)) ||
      (contact.kind === 'phone' && PHONE.test(value)) ||
      !CONTACT_KINDS.includes(contact.kind as ContactKind),
    'must be an e-mail address for kind email, an international number (+…) for kind phone',
  )
  value: string;

  @IsBoolean()
  available247: boolean;
}

export class AuthorityDto {
  @Matches(PARTY_ID, { message: 'must be letters, digits and dashes (it names a certificate)' })
  id: string;

  @IsString()
  state: string;

  @NestedObject(() => BilingualDto)
  name: BilingualDto;

  @IsArray()
  @ArrayMinSize(1)
  @IsString({ each: true })
  roles: string[];

  @Languages()
  languages: string[];

  @IsArray()
  @ArrayMinSize(1)
  @IsIn(REQUEST_CHANNELS, { each: true })
  channels: RequestChannel[];

  @NestedList(() => ContactDto, 1)
  contacts: ContactDto[];

  /**
   * Where the gateway delivers this authority's messages (its system's judicial door, HTTPS with
   * mutual TLS); absent: the deployment's `judicialAdapter.defaultEndpoint`.
   */
  @Optional()
  @IsUrl(
    { protocols: ['https'], require_protocol: true, require_tld: false },
    { message: 'must be an https:// URL (the authority system’s judicial door)' },
  )
  endpoint?: string;

  @FullDate()
  lastVerified: string;
}

export class TreatyDto {
  @Matches(SLUG, { message: 'must be lower-case letters, digits and dashes' })
  id: string;

  @NestedObject(() => BilingualDto)
  title: BilingualDto;

  @IsArray()
  @ArrayMinSize(1)
  @IsIn(TREATY_SCOPES, { each: true })
  covers: TreatyScope[];

  @Optional()
  @PartialDate()
  signed?: string;

  @IsArray()
  @ArrayMinSize(2)
  @IsString({ each: true })
  parties: string[];

  @FullDate()
  lastVerified: string;
}

/** Whole days, up to a year: a reminder later than that would remind nobody of anything. */
const Days = (): PropertyDecorator => (target, property) => {
  IsInt()(target, property);
  Min(1)(target, property);
  Max(365)(target, property);
};

export class FollowUpRuleDto {
  @Optional()
  @IsIn(REQUEST_KINDS)
  kind?: RequestKind;

  @Optional()
  @IsIn(REQUEST_URGENCIES)
  urgency?: RequestUrgency;

  @Days()
  days: number;
}

export class FollowUpDto {
  @Days()
  defaultDays: number;

  @NestedList(() => FollowUpRuleDto)
  rules: FollowUpRuleDto[];
}

export class DirectoryDto {
  @IsIn([1])
  version: 1;

  @NestedList(() => NetworkDto, 1)
  networks: NetworkDto[];

  @NestedList(() => StateDto, 1)
  states: StateDto[];

  @NestedList(() => AuthorityDto)
  authorities: AuthorityDto[];

  @NestedList(() => TreatyDto)
  treaties: TreatyDto[];

  /** Absent: DEFAULT_FOLLOW_UP (follow-up/follow-up.policy.ts). */
  @OptionalNestedObject(() => FollowUpDto)
  followUp?: FollowUpDto;
}
