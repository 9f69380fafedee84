// The envelope without its payload: the payload is checked separately, by the class the payload
// registry picks for `type`, so that one envelope class serves every message type.
import { Type } from 'class-transformer';
import {
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsObject,
  IsUUID,
  ValidateNested,
} from 'class-validator';
import { CLASSIFICATIONS, ENVELOPE_VERSION, MESSAGE_TYPES } from '../envelope.constants';
import type { Classification, MessageType, PartyId } from '../envelope.constants';
import { IsPartyId, IsReleasableTo, IsZonedDateTime, Optional } from './pcms-constraints.validators';
import { OptionalUnless } from './cross-field.validators';

const RESPONSE_TYPE: MessageType = 'response.information';
const isResponse = (envelope: Record<string, unknown>): boolean => envelope.type === RESPONSE_TYPE;

export class HandlingDto {
  @IsArray()
  @ArrayUnique()
  @IsReleasableTo({ each: true })
  releasableTo: 'INTERPOL'[];

  @IsBoolean()
  originatorConsent: boolean;
}

export class EnvelopeDto {
  @IsUUID()
  id: string;

  @IsIn([ENVELOPE_VERSION])
  version: '1.0';

  @IsIn(MESSAGE_TYPES)
  type: MessageType;

  @IsPartyId()
  sender: PartyId;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayUnique()
  @IsPartyId({ each: true })
  recipients: PartyId[];

  @IsIn(CLASSIFICATIONS)
  classification: Classification;

  @IsObject()
  @ValidateNested()
  @Type(() => HandlingDto)
  handling: HandlingDto;

  @IsZonedDateTime()
  createdAt: string;

  @Optional()
  @IsUUID()
  correlationId?: string;

  /** A response names the request it answers: that is how the reply is correlated back. */
  @OptionalUnless(isResponse, 'is required for response.information (the id of the request answered)')
  @IsUUID()
  inReplyTo?: string;

  @IsObject()
  payload: Record<string, unknown>;
}
