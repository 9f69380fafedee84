// Every entry of the run's journal, grouped by message: the run owns its PostgreSQL database, so
// one read of journal_entries (schema: libs/journal migrations) serves the check of every message.
import type { LoadedConfig } from '@pcms/config';
import { Client } from 'pg';
import type { JournalRow } from './chaos-count';

export async function readJournal(config: LoadedConfig): Promise<Map<string, JournalRow[]>> {
  const client = new Client({ connectionString: config.journal.postgresUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ message_id: string; stage: string; details: string }>(
      'select message_id, stage, details from journal_entries order by seq',
    );
    const byMessage = new Map<string, JournalRow[]>();
    for (const row of rows) {
      const entries = byMessage.get(row.message_id) ?? [];
      entries.push({ stage: row.stage, details: JSON.parse(row.details) as Record<string, unknown> });
      byMessage.set(row.message_id, entries);
    }
    return byMessage;
  } finally {
    await client.end();
  }
}
