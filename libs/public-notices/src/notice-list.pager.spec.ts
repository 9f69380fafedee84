import { noticeListPages } from './notice-list.pager';
import type { NoticeListPage, PublicNoticesClient } from './public-notices.client';

type ListPage = PublicNoticesClient['listPage'];

/** A service of `total` notices that behaves like Interpol's: at most `cap` per query, the last page again past the end. */
function service(total: number, options: { cap?: number; nextOnLastPage?: boolean } = {}) {
  const cap = options.cap ?? 160;
  const requested: number[] = [];
  const listPage = jest.fn<ReturnType<ListPage>, Parameters<ListPage>>((_kind, _query, page, perPage) => {
    requested.push(page);
    const reachable = Math.min(total, cap);
    const last = Math.max(1, Math.ceil(reachable / perPage));
    const served = Math.min(page, last);
    const first = (served - 1) * perPage;
    const notices = Array.from({ length: Math.max(0, Math.min(perPage, reachable - first)) }, (_, i) => ({
      entityId: `2024/${first + i + 1}`,
      detailUrl: `http://service/red/2024-${first + i + 1}`,
    }));
    return Promise.resolve({
      page,
      notices,
      hasNext: served < last || Boolean(options.nextOnLastPage),
      total,
    });
  });
  return { client: { listPage }, requested };
}

async function collect(
  client: Pick<PublicNoticesClient, 'listPage'>,
  perPage: number,
): Promise<NoticeListPage[]> {
  const pages: NoticeListPage[] = [];
  for await (const page of noticeListPages(client, 'red', { nationality: 'ML' }, perPage)) pages.push(page);
  return pages;
}

describe(noticeListPages.name, () => {
  it('stops on the page without a next link', async () => {
    const { client, requested } = service(45);
    const pages = await collect(client, 20);
    expect(requested).toEqual([1, 2, 3]);
    expect(pages.flatMap((page) => page.notices)).toHaveLength(45);
    expect(client.listPage).toHaveBeenCalledWith('red', { nationality: 'ML' }, 1, 20);
  });

  it('stops when a page repeats the previous one (the service answers the last page again), without yielding it twice', async () => {
    const { client, requested } = service(30, { nextOnLastPage: true });
    const pages = await collect(client, 20);
    expect(requested).toEqual([1, 2, 3]);
    expect(pages.map((page) => page.page)).toEqual([1, 2]);
    expect(new Set(pages.flatMap((page) => page.notices.map((n) => n.entityId))).size).toBe(30);
  });

  it('reads the 160 notices the service caps a query at, and no further, however large the total', async () => {
    const { client, requested } = service(5000, { nextOnLastPage: true });
    const pages = await collect(client, 20);
    expect(pages).toHaveLength(8);
    expect(requested).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(pages.flatMap((page) => page.notices)).toHaveLength(160);
    expect(pages[0].total).toBe(5000);
  });

  it('gives up after 200 pages on a service that never stops inventing new ones', async () => {
    const { client, requested } = service(Number.MAX_SAFE_INTEGER, { cap: Number.MAX_SAFE_INTEGER });
    const pages = await collect(client, 1);
    expect(pages).toHaveLength(200);
    expect(requested.at(-1)).toBe(200);
  });

  it('stops on an empty first page even when it claims a next one', async () => {
    const { client, requested } = service(0, { nextOnLastPage: true });
    const pages = await collect(client, 20);
    expect(pages.map((page) => page.notices.length)).toEqual([0]);
    expect(requested).toEqual([1]);
  });
});
