// Between the contract's shapes and the table's rows. Events are checked and normalised before a
// transaction opens, so a bad event refuses the batch without holding the chain lock.
import { canonicalize } from '@pcms/envelope';
import { JournalError, JournalErrorCode } from './journal.error';
import { journalEntryHash, payloadDigest, type HashedEntry } from './journal-hash';
import type { Insertable, Selectable } from 'kysely';
import type { JournalEntriesTable } from './journal.schema';
import { JOURNAL_STAGES, type JournalEntry, type JournalEvent, type JournalStage } from './journal.types';

/** An event ready to be chained: details normalised, payload reduced to digest and sealed bytes. */
export interface PreparedEvent {
  eventId: string;
  messageId: string;
  correlationId?: string;
  stage: JournalStage;
  app: string;
  at: string;
  atMs: number;
  details: Record<string, unknown>;
  payloadDigest?: string;
  payloadContentType?: string;
  payloadSealed?: Buffer;
}

const STAGES: ReadonlySet<string> = new Set(JOURNAL_STAGES);

function refuse(event: Partial<JournalEvent>, reason: string): never {
  const id = typeof event.eventId === 'string' ? event.eventId : '(no eventId)';
  throw new JournalError(JournalErrorCode.EventInvalid, `journal event ${id} refused: ${reason}`);
}

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

export function isJournalStage(value: unknown): value is JournalStage {
  return typeof value === 'string' && STAGES.has(value);
}

/**
 * Checks one event and brings its details to plain JSON (a Date becomes its ISO text, undefined
 * members vanish) so that what is hashed is exactly what is stored and read back.
 */
export function prepareEvent(
  event: JournalEvent,
  seal: ((bytes: Buffer, eventId: string) => Buffer) | undefined,
): PreparedEvent {
  if (!nonEmpty(event.eventId)) refuse(event, 'eventId is empty');
  if (!nonEmpty(event.messageId)) refuse(event, 'messageId is empty');
  if (!nonEmpty(event.app)) refuse(event, 'app is empty');
  if (!isJournalStage(event.stage)) refuse(event, `unknown stage ${String(event.stage)}`);
  if (event.correlationId !== undefined && !nonEmpty(event.correlationId))
    refuse(event, 'correlationId is empty');
  const atMs = nonEmpty(event.at) ? Date.parse(event.at) : NaN;
  if (!Number.isFinite(atMs)) refuse(event, 'at is not an ISO 8601 instant');
  if (typeof event.details !== 'object' || event.details === null || Array.isArray(event.details)) {
    refuse(event, 'details is not an object');
  }
  let details: Record<string, unknown>;
  try {
    details = JSON.parse(canonicalize(event.details)) as Record<string, unknown>;
  } catch (error: unknown) {
    throw new JournalError(
      JournalErrorCode.EventInvalid,
      `journal event ${event.eventId} refused: details are not JSON`,
      {
        cause: error,
      },
    );
  }
  const prepared: PreparedEvent = {
    eventId: event.eventId,
    messageId: event.messageId,
    correlationId: event.correlationId,
    stage: event.stage,
    app: event.app,
    at: event.at,
    atMs,
    details,
  };
  if (event.payload !== undefined) {
    if (!nonEmpty(event.payload.contentType) || typeof event.payload.base64 !== 'string') {
      refuse(event, 'payload needs a contentType and base64 bytes');
    }
    const bytes = Buffer.from(event.payload.base64, 'base64');
    prepared.payloadDigest = payloadDigest(bytes);
    prepared.payloadContentType = event.payload.contentType;
    prepared.payloadSealed = seal?.(bytes, event.eventId);
  }
  return prepared;
}

/** The entry as hashed: optional members absent rather than null (RFC 8785 has no "undefined"). */
export function chainEntry(event: PreparedEvent, seq: number, prevHash: string): JournalEntry {
  const hashed: HashedEntry = {
    seq,
    prevHash,
    eventId: event.eventId,
    messageId: event.messageId,
    correlationId: event.correlationId,
    stage: event.stage,
    app: event.app,
    at: event.at,
    details: event.details,
    payloadDigest: event.payloadDigest,
    payloadContentType: event.payloadContentType,
  };
  return { ...hashed, hash: journalEntryHash(hashed) };
}

function stringDetail(details: Record<string, unknown>, key: string): string | null {
  const value = details[key];
  return typeof value === 'string' ? value : null;
}

export function toRow(entry: JournalEntry, event: PreparedEvent): Insertable<JournalEntriesTable> {
  return {
    seq: entry.seq,
    event_id: entry.eventId,
    message_id: entry.messageId,
    correlation_id: entry.correlationId ?? null,
    stage: entry.stage,
    app: entry.app,
    at: entry.at,
    at_ms: event.atMs,
    details: canonicalize(entry.details),
    sender: stringDetail(entry.details, 'sender'),
    type: stringDetail(entry.details, 'type'),
    payload_digest: entry.payloadDigest ?? null,
    payload_content_type: entry.payloadContentType ?? null,
    payload_sealed: event.payloadSealed ?? null,
    prev_hash: entry.prevHash,
    hash: entry.hash,
  };
}

export type EntryRow = Omit<
  Selectable<JournalEntriesTable>,
  'at_ms' | 'sender' | 'type' | 'payload_sealed' | 'payload_purged_at'
>;

/** A row read back; a stage that is not one of ours is kept as read so that the chain check sees it. */
export function fromRow(row: EntryRow): JournalEntry {
  const entry: JournalEntry = {
    seq: Number(row.seq),
    prevHash: row.prev_hash,
    eventId: row.event_id,
    messageId: row.message_id,
    stage: row.stage as JournalStage,
    app: row.app,
    at: row.at,
    details: JSON.parse(row.details) as Record<string, unknown>,
    hash: row.hash,
  };
  if (row.correlation_id !== null) entry.correlationId = row.correlation_id;
  if (row.payload_digest !== null) entry.payloadDigest = row.payload_digest;
  if (row.payload_content_type !== null) entry.payloadContentType = row.payload_content_type;
  return entry;
}

export const ENTRY_COLUMNS = [
  'seq',
  'event_id',
  'message_id',
  'correlation_id',
  'stage',
  'app',
  'at',
  'details',
  'payload_digest',
  'payload_content_type',
  'prev_hash',
  'hash',
] as const;
