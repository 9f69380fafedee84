// Operators' statements now bind the SHA-256 of the held message (issue 6: the signed statement
// binds what was approved). The digest is recorded beside the sealed bytes so the CLI can show and
// sign it without opening them; the holds already there get theirs from their bytes, opened with the
// key the store was opened with. A hold whose bytes are gone (it ended) or do not open keeps none.
import { JournalError, type PayloadCipher } from '@pcms/journal';
import type { Kysely, Migration } from 'kysely';
import { holdBodyContext } from '../held-message.sealer';
import { heldMessageSha256 } from '../hold-statement';

interface DigestedHoldsDatabase {
  holds: { id: string; sealed_body: Buffer | null; message_sha256: string | null };
}

export function recordHeldDigests(cipher: PayloadCipher): Migration {
  return {
    async up(untyped: Kysely<unknown>): Promise<void> {
      const db = untyped as unknown as Kysely<DigestedHoldsDatabase>;
      await db.schema.alterTable('holds').addColumn('message_sha256', 'text').execute();
      const held = await db
        .selectFrom('holds')
        .select(['id', 'sealed_body'])
        .where('sealed_body', 'is not', null)
        .execute();
      for (const row of held) {
        if (!row.sealed_body) continue;
        let body: Buffer;
        try {
          body = cipher.open(Buffer.from(row.sealed_body), holdBodyContext(row.id));
        } catch (error: unknown) {
          // Unreadable bytes cannot be released anyway: the router ends that hold unverified.
          if (error instanceof JournalError) continue;
          throw error;
        }
        await db
          .updateTable('holds')
          .set({ message_sha256: heldMessageSha256(body) })
          .where('id', '=', row.id)
          .execute();
      }
    },
    async down(untyped: Kysely<unknown>): Promise<void> {
      await untyped.schema.alterTable('holds').dropColumn('message_sha256').execute();
    },
  };
}
