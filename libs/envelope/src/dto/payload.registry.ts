// Which class validates the payload of which message type. Types absent here are not typed yet:
// their payload need only be a JSON object (EnvelopeDto checks that).
import type { ClassConstructor } from 'class-transformer';
import type { MessageType } from '../envelope.constants';
import { PersonWantedPayloadDto } from './person-wanted-payload.dto';

const PAYLOAD_CLASSES: Partial<Record<MessageType, ClassConstructor<object>>> = {
  'person.wanted': PersonWantedPayloadDto,
};

export function payloadClassFor(type: unknown): ClassConstructor<object> | undefined {
  return typeof type === 'string' && Object.prototype.hasOwnProperty.call(PAYLOAD_CLASSES, type)
    ? PAYLOAD_CLASSES[type as MessageType]
    : undefined;
}
