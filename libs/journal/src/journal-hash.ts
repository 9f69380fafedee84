// The tamper evidence: each entry's hash covers the previous entry's hash, so changing, inserting
// or removing an entry breaks every link after it (docs/architecture.md, "The journal").
import { createHash } from 'node:crypto';
import { canonicalize } from '@pcms/envelope';
import type { JournalEntry, JournalStage } from './journal.types';

/** What the hash covers: the entry without its hash (the payload is already only its digest). */
export type HashedEntry = Omit<JournalEntry, 'hash'>;

function sha256Hex(text: string | Buffer): string {
  return createHash('sha256').update(text).digest('hex');
}

/** sha256(prevHash || RFC 8785 canonical JSON of the entry without `hash`), lower-case hex. */
export function journalEntryHash(entry: HashedEntry): string {
  return sha256Hex(entry.prevHash + canonicalize(entry));
}

/** sha256 of the payload bytes, lower-case hex. */
export function payloadDigest(bytes: Buffer): string {
  return sha256Hex(bytes);
}

/**
 * The deterministic id of one stage of one message seen by one app: a redelivered message
 * re-emits the same id and the journal ignores it. The parts are hashed as a canonical JSON
 * array so that no separator inside a message id can make two different events collide.
 */
export function journalEventId(
  messageId: string,
  stage: JournalStage,
  app: string,
  discriminator?: string,
): string {
  return sha256Hex(canonicalize([messageId, stage, app, discriminator ?? '']));
}
