import type { InterpolNoticeKind } from '@pcms/translation';
import type { NoticeListPage, PublicNoticesClient } from './public-notices.client';

/** The service caps a query at 160 notices; more pages than this means it is misbehaving. */
const MAX_PAGES = 200;

/**
 * Every page of one query, from page 1, until `_links.next` is absent or a page repeats the one
 * before it (past the last page the service answers the last page again). `first`: page 1, when
 * the caller read it already (to see the query's total).
 */
export async function* noticeListPages(
  client: Pick<PublicNoticesClient, 'listPage'>,
  kind: InterpolNoticeKind,
  query: Readonly<Record<string, string>>,
  perPage: number,
  first?: NoticeListPage,
): AsyncGenerator<NoticeListPage> {
  let previous: string | undefined;
  for (let page = 1; page <= MAX_PAGES; page++) {
    const listed = page === 1 && first ? first : await client.listPage(kind, query, page, perPage);
    const signature = listed.notices.map((notice) => notice.entityId).join(',');
    if (page > 1 && signature === previous) return;
    yield listed;
    if (!listed.hasNext || listed.notices.length === 0) return;
    previous = signature;
  }
}
