// Issue 6: payloads are kept encrypted at rest or not at all. 0001 kept the held message in clear
// (`body`); this moves it to `sealed_body` (AES-256-GCM with the journal's payload key, the hold id
// as additional data), seals what was already waiting, and drops the clear column. No way down: unsealing into a clear column would undo the point.
import type { PayloadCipher } from '@pcms/journal';
import { sql, type Kysely, type Migration } from 'kysely';
import type { HoldsDriver } from '../holds-store.factory';
import { holdBodyContext } from '../held-message.sealer';

interface LegacyHoldsDatabase {
  holds: { id: string; body: Buffer | null; sealed_body: Buffer | null };
}

export function sealHeldBodies(driver: HoldsDriver, cipher: PayloadCipher): Migration {
  const bytes = driver === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(untyped: Kysely<unknown>): Promise<void> {
      const db = untyped as unknown as Kysely<LegacyHoldsDatabase>;
      await db.schema.alterTable('holds').addColumn('sealed_body', sql.raw(bytes)).execute();
      const clear = await db
        .selectFrom('holds')
        .select(['id', 'body'])
        .where('body', 'is not', null)
        .execute();
      for (const row of clear) {
        if (!row.body) continue;
        await db
          .updateTable('holds')
          .set({ sealed_body: cipher.seal(Buffer.from(row.body), holdBodyContext(row.id)) })
          .where('id', '=', row.id)
          .execute();
      }
      await db.schema.alterTable('holds').dropColumn('body').execute();
    },
  };
}
