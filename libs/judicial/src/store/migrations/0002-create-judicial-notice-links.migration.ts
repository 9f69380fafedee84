import type { Kysely, Migration } from 'kysely';

/** Issue 15 point 6: which requests are linked to which Interpol notices (links/notice-link.ts). */
export function createJudicialNoticeLinks(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('judicial_notice_links')
        .addColumn('request_id', 'text', (column) =>
          column.notNull().references('judicial_requests.request_id'),
        )
        .addColumn('notice_id', 'text', (column) => column.notNull())
        .addColumn('role', 'text', (column) => column.notNull())
        .addColumn('linked_at', 'text', (column) => column.notNull())
        // A request names a notice once: the same request stored again links nothing new.
        .addPrimaryKeyConstraint('judicial_notice_links_pk', ['request_id', 'notice_id'])
        .execute();
      // From the notice's side: every request linked to it.
      await db.schema
        .createIndex('judicial_notice_links_notice_idx')
        .on('judicial_notice_links')
        .column('notice_id')
        .execute();
    },
    async down(db: Kysely<unknown>): Promise<void> {
      await db.schema.dropTable('judicial_notice_links').execute();
    },
  };
}
