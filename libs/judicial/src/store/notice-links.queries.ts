// The link part of the request store (issue 15 point 6): requests ↔ Interpol notices, written
// when a request is stored, read with the request and from the notice's side.
import type { Kysely } from 'kysely';
import type { PersonRole } from '../judicial.constants';
import type { NoticeLink } from '../links/notice-link';
import type { JudicialDatabase, JudicialNoticeLinksTable } from './judicial-store.schema';

/** Said once: a request stored again keeps the date of its first link. */
export async function insertNoticeLinks(
  db: Kysely<JudicialDatabase>,
  links: readonly NoticeLink[],
): Promise<void> {
  if (links.length === 0) return;
  await db
    .insertInto('judicial_notice_links')
    .values(
      links.map((link) => ({
        request_id: link.requestId,
        notice_id: link.noticeId,
        role: link.role,
        linked_at: link.linkedAt,
      })),
    )
    .onConflict((conflict) => conflict.columns(['request_id', 'notice_id']).doNothing())
    .execute();
}

/** The ids of every request linked to the notice, in the order they were linked. */
export async function requestIdsLinkedTo(db: Kysely<JudicialDatabase>, noticeId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('judicial_notice_links')
    .select('request_id')
    .where('notice_id', '=', noticeId)
    .orderBy('linked_at')
    .orderBy('request_id')
    .execute();
  return rows.map((row) => row.request_id);
}

export function noticeLinkOf(row: JudicialNoticeLinksTable): NoticeLink {
  return {
    requestId: row.request_id,
    noticeId: row.notice_id,
    role: row.role as PersonRole,
    linkedAt: row.linked_at,
  };
}
