import { CLASSIFICATIONS, MESSAGE_TYPES, PLATFORM_IDS, RELEASABLE_TO } from '@pcms/envelope';
import {
  JUDICIAL_RULE_CHANNELS,
  JUDICIAL_RULE_TYPES,
  JUDICIAL_TARGETS,
  RoutingRefusalCode,
  type JudicialRuleChannel,
  type JudicialRuleType,
  type JudicialTarget,
} from '@pcms/routing';
import { Type } from 'class-transformer';
import {
  ArrayNotEmpty,
  Equals,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';

/** The shape of `config/policy.yaml`, keys as written in the file (documented in config/README.md). */
const RULE_NAME = /^[a-z][a-z0-9-]*$/;
const RULE_NAME_MESSAGE = 'must be kebab-case (lower-case letters, digits, dashes)';
const EXPIRES_AFTER = /^[1-9][0-9]{0,5}[smhd]$/;

/** Conditions on the message type, shared by outbound and inbound rules. */
export class TypeConditionsDto {
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(MESSAGE_TYPES, { each: true })
  type?: (typeof MESSAGE_TYPES)[number][];

  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(MESSAGE_TYPES, { each: true })
  typeNotIn?: (typeof MESSAGE_TYPES)[number][];
}

export class OutboundWhenDto extends TypeConditionsDto {
  @IsOptional()
  @IsIn(RELEASABLE_TO)
  notReleasableTo?: (typeof RELEASABLE_TO)[number];

  @IsOptional()
  @IsIn(CLASSIFICATIONS)
  classificationAbove?: (typeof CLASSIFICATIONS)[number];

  @IsOptional()
  @IsBoolean()
  originatorConsent?: boolean;
}

export class OutboundRuleDto {
  @Matches(RULE_NAME, { message: RULE_NAME_MESSAGE })
  rule: string;

  @ValidateNested()
  @Type(() => OutboundWhenDto)
  when: OutboundWhenDto;

  @IsIn(['refuse', 'release', 'hold'], { message: 'must be refuse, release or hold' })
  decision: 'refuse' | 'release' | 'hold';

  /** With `hold`: distinct operators who must approve (default 2). */
  @IsOptional()
  @IsInt({ message: 'must be a whole number of operators' })
  @Min(1, { message: 'must be at least 1 operator' })
  @Max(10, { message: 'must be at most 10 operators' })
  approvals?: number;

  /** With `hold`: how long the hold waits, `<n>s|m|h|d` (default 24h). */
  @IsOptional()
  @Matches(EXPIRES_AFTER, { message: 'must be a duration such as 30m, 24h or 7d (s, m, h, d)' })
  expiresAfter?: string;

  @IsOptional()
  @IsIn(Object.values(RoutingRefusalCode))
  code?: RoutingRefusalCode;

  @IsOptional()
  @IsString()
  @MinLength(5)
  reason?: string;
}

/** What `platformOf` may read (InboundTarget in @pcms/routing). */
const INBOUND_PLATFORM_OF = ['nationalities', 'warrantCountries', 'eventCountries', 'requester'] as const;

export class InboundTargetDto {
  @IsOptional()
  @IsIn(INBOUND_PLATFORM_OF, { message: `must be one of ${INBOUND_PLATFORM_OF.join(', ')}` })
  platformOf?: (typeof INBOUND_PLATFORM_OF)[number];

  @IsOptional()
  @IsIn(PLATFORM_IDS)
  platform?: (typeof PLATFORM_IDS)[number];
}

/** Inbound rules are conditioned by the type of the inbound message (the PCMS type it maps to). */
export class InboundWhenDto extends TypeConditionsDto {}

export class InboundRuleDto {
  @Matches(RULE_NAME, { message: RULE_NAME_MESSAGE })
  rule: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => InboundWhenDto)
  when?: InboundWhenDto;

  @ValidateNested()
  @Type(() => InboundTargetDto)
  to: InboundTargetDto;
}

/** A network id of the judicial directory (which ones exist is checked by the judicial adapter). */
const NETWORK_ID = /^[a-z][a-z0-9-]*$/;

/** Conditions of a judicial rule (JudicialConditions in @pcms/routing). */
export class JudicialWhenDto {
  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(JUDICIAL_RULE_TYPES, { each: true, message: `must be among ${JUDICIAL_RULE_TYPES.join(', ')}` })
  type?: JudicialRuleType[];

  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(JUDICIAL_RULE_CHANNELS, {
    each: true,
    message: `must be among ${JUDICIAL_RULE_CHANNELS.join(', ')}`,
  })
  channel?: JudicialRuleChannel[];

  @IsOptional()
  @IsArray()
  @ArrayNotEmpty()
  @IsIn(JUDICIAL_RULE_CHANNELS, {
    each: true,
    message: `must be among ${JUDICIAL_RULE_CHANNELS.join(', ')}`,
  })
  channelNotIn?: JudicialRuleChannel[];

  @IsOptional()
  @Matches(NETWORK_ID, { message: 'must be the id of a network of the judicial directory (sahel-platform)' })
  bothMembersOf?: string;
}

export class JudicialRuleDto {
  @Matches(RULE_NAME, { message: RULE_NAME_MESSAGE })
  rule: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => JudicialWhenDto)
  when?: JudicialWhenDto;

  @IsIn(JUDICIAL_TARGETS, { message: `must be one of ${JUDICIAL_TARGETS.join(', ')}` })
  to: JudicialTarget;
}

export class PolicyFileDto {
  @Equals(1, { message: 'must be 1' })
  version: 1;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => OutboundRuleDto)
  outbound: OutboundRuleDto[];

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => InboundRuleDto)
  inbound: InboundRuleDto[];

  /** The judicial network's rules; absent: none (the judicial adapter then routes nothing). */
  @IsOptional()
  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => JudicialRuleDto)
  judicial?: JudicialRuleDto[];
}
