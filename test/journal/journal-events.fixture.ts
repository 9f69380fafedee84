import { journalEventId, type JournalEvent, type JournalStage } from '@pcms/journal';

let clock = Date.parse('2025-03-01T10:00:00.000Z');

/** One stage of one message; times move forward one second per event unless `at` is given. */
export function journalEvent(
  messageId: string,
  stage: JournalStage,
  overrides: Partial<JournalEvent> = {},
): JournalEvent {
  clock += 1000;
  return {
    eventId: journalEventId(messageId, stage, overrides.app ?? 'router'),
    messageId,
    stage,
    app: 'router',
    at: new Date(clock).toISOString(),
    details: {},
    ...overrides,
  };
}

/** A `received` event as the adapters emit it: sender and type in the details. */
export function receivedEvent(
  messageId: string,
  sender: string,
  type: string,
  overrides: Partial<JournalEvent> = {},
): JournalEvent {
  return journalEvent(messageId, 'received', {
    app: 'pcms-adapter',
    details: { sender, type },
    ...overrides,
  });
}
