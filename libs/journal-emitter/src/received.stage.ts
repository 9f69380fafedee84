import type { PcmsEnvelope } from '@pcms/envelope';
import type { StageEvent } from './journal.emitter';

type Arrival = Pick<PcmsEnvelope, 'id' | 'correlationId' | 'sender' | 'type' | 'classification'>;

/**
 * The `received` stage of a message entering the gateway, whatever its door: who sent what at
 * which classification, the door's own facts (`door`, route, peer message id…), and the bytes as
 * they arrived (kept encrypted only if journal.payloads.keep says so).
 */
export function receivedStage(
  envelope: Arrival,
  door: Record<string, unknown>,
  payload: { contentType: string; bytes: Buffer },
): StageEvent {
  return {
    messageId: envelope.id,
    ...(envelope.correlationId ? { correlationId: envelope.correlationId } : {}),
    stage: 'received',
    details: {
      sender: envelope.sender,
      type: envelope.type,
      classification: envelope.classification,
      ...door,
    },
    payload,
  };
}
