// Which class validates the payload of which message type. incident.report is deliberately
// untyped: its payload need only be a JSON object (EnvelopeDto checks that).
import type { ClassConstructor } from 'class-transformer';
import type { MessageType } from '../envelope.constants';
import { AlertHazardPayloadDto } from './alert-hazard-payload.dto';
import { AlertThreatPayloadDto } from './alert-threat-payload.dto';
import { BodyUnidentifiedPayloadDto } from './body-unidentified-payload.dto';
import { ModusOperandiPayloadDto } from './modus-operandi-payload.dto';
import { PersonInformationPayloadDto } from './person-information-payload.dto';
import { PersonMissingPayloadDto } from './person-missing-payload.dto';
import { PersonWantedPayloadDto } from './person-wanted-payload.dto';
import { RequestInformationPayloadDto } from './request-information-payload.dto';
import { ResponseInformationPayloadDto } from './response-information-payload.dto';
import { SanctionsUnPayloadDto } from './sanctions-un-payload.dto';

/** `null` marks a type that is untyped on purpose, so that forgetting a new type fails to compile. */
const PAYLOAD_CLASSES: Readonly<Record<MessageType, ClassConstructor<object> | null>> = {
  'person.wanted': PersonWantedPayloadDto,
  'person.missing': PersonMissingPayloadDto,
  'person.information': PersonInformationPayloadDto,
  'body.unidentified': BodyUnidentifiedPayloadDto,
  'alert.threat': AlertThreatPayloadDto,
  'alert.hazard': AlertHazardPayloadDto,
  'modus-operandi': ModusOperandiPayloadDto,
  'sanctions.un': SanctionsUnPayloadDto,
  'request.information': RequestInformationPayloadDto,
  'response.information': ResponseInformationPayloadDto,
  'incident.report': null,
};

export function payloadClassFor(type: unknown): ClassConstructor<object> | undefined {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(PAYLOAD_CLASSES, type)
    ? (PAYLOAD_CLASSES[type as MessageType] ?? undefined)
    : undefined;
}
