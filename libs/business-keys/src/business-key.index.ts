// The index's one door: the journal writer hands it the events it committed, the console and the
// command line ask it which messages carry a name, a notice id or a warrant reference.
import type { JournalEvent } from '@pcms/journal';
import { extractBusinessKeys } from './business-key.extractor';
import type { BusinessKeyHasher } from './business-key.hasher';
import type { BusinessKeyRow } from './business-key.types';
import type { KyselyBusinessKeyIndex } from './kysely-business-key.index';

/** As many as the console can page through (25 × 40): a search by key narrows, it does not list all. */
export const DEFAULT_FIND_LIMIT = 1000;

export class BusinessKeyIndex {
  constructor(
    private readonly store: KyselyBusinessKeyIndex,
    private readonly hasher: BusinessKeyHasher,
  ) {}

  /**
   * Indexes the payloads of the `received` events (the bytes as they entered the gateway). Events
   * without a payload (journal.payloads.keep: none) leave nothing to index. Idempotent.
   */
  async indexEvents(events: readonly JournalEvent[]): Promise<void> {
    const rows: BusinessKeyRow[] = [];
    for (const event of events) {
      if (event.stage !== 'received' || event.payload === undefined) continue;
      const bytes = Buffer.from(event.payload.base64, 'base64');
      const atMs = Date.parse(event.at);
      for (const { kind, term } of extractBusinessKeys({ contentType: event.payload.contentType, bytes })) {
        rows.push({ messageId: event.messageId, kind, hash: this.hasher.hash(kind, term), atMs });
      }
    }
    await this.store.record(rows);
  }

  /** The messages carrying this name (any transliteration), notice id or warrant reference, newest first. */
  find(text: string, limit = DEFAULT_FIND_LIMIT): Promise<string[]> {
    return this.store.find(this.hasher.query(text), limit);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}
