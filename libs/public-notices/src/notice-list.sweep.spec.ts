import type { InterpolNoticeKind } from '@pcms/translation';
import { sweepList, type SweepReport } from './notice-list.sweep';
import type { NoticeListPage, PublicNoticesClient } from './public-notices.client';

interface Listed {
  id: string;
  sex: 'F' | 'M' | 'U';
  /** Absent: a notice without a date of birth, which no age band lists. */
  age?: number;
}

/** A list that behaves like the service's: filters by sex and age band, 160 per query at most. */
function service(notices: Listed[]) {
  const asked: Record<string, string>[] = [];
  const listPage = (
    _kind: InterpolNoticeKind,
    query: Readonly<Record<string, string>>,
    page: number,
    perPage: number,
  ): Promise<NoticeListPage> => {
    if (page === 1) asked.push({ ...query });
    const matching = notices.filter(
      (notice) =>
        (query.sexId === undefined || notice.sex === query.sexId) &&
        (query.ageMin === undefined || (notice.age !== undefined && notice.age >= Number(query.ageMin))) &&
        (query.ageMax === undefined || (notice.age !== undefined && notice.age <= Number(query.ageMax))),
    );
    const reachable = matching.slice(0, 160);
    const last = Math.max(1, Math.ceil(reachable.length / perPage));
    const served = Math.min(page, last);
    return Promise.resolve({
      page,
      total: matching.length,
      hasNext: served < last,
      notices: reachable
        .slice((served - 1) * perPage, served * perPage)
        .map((notice) => ({ entityId: notice.id, detailUrl: `http://service/yellow/${notice.id}` })),
    });
  };
  return { client: { listPage } as Pick<PublicNoticesClient, 'listPage'>, asked };
}

async function sweep(
  client: Pick<PublicNoticesClient, 'listPage'>,
  kind: InterpolNoticeKind,
): Promise<{ ids: Set<string>; report: SweepReport }> {
  const report: SweepReport = { queries: 0, unreachable: 0 };
  const ids = new Set<string>();
  for await (const page of sweepList(client, kind, {}, 100, report)) {
    for (const notice of page.notices) ids.add(notice.entityId);
  }
  return { ids, report };
}

const people = (count: number, of: (index: number) => Omit<Listed, 'id'>): Listed[] =>
  Array.from({ length: count }, (_, index) => ({ id: `2025/${index + 1}`, ...of(index) }));

describe(sweepList.name, () => {
  it('reads a list under the cap with one query', async () => {
    const { client, asked } = service(people(150, () => ({ sex: 'M', age: 30 })));
    const { ids, report } = await sweep(client, 'yellow');
    expect(ids.size).toBe(150);
    expect(asked).toEqual([{}]);
    expect(report).toEqual({ queries: 1, unreachable: 0 });
  });

  it('lists every notice past the cap by splitting on sex, then on age bands until each fits', async () => {
    const notices = people(900, (index) => ({ sex: (['F', 'M', 'U'] as const)[index % 3], age: index % 90 }));
    const { client, asked } = service(notices);
    const { ids, report } = await sweep(client, 'yellow');
    expect(ids.size).toBe(900);
    expect(report.unreachable).toBe(0);
    expect(asked).toContainEqual({ sexId: 'F', ageMin: '0', ageMax: '60' });
    expect(asked.every((query) => query.nationality === undefined)).toBe(true);
  });

  it('counts what no query can reach: notices without an age, and a list that takes no filters', async () => {
    const noAge = people(400, (index) => ({ sex: 'M', age: index < 10 ? undefined : 40 + (index % 40) }));
    const yellow = await sweep(service(noAge).client, 'yellow');
    expect(yellow.ids.size).toBe(390);
    expect(yellow.report.unreachable).toBe(10);

    const un = await sweep(service(people(200, () => ({ sex: 'U' }))).client, 'un');
    expect(un.ids.size).toBe(160);
    expect(un.report).toEqual({ queries: 1, unreachable: 40 });
  });

  it('stops splitting at a single year of age, and says how many it could not list', async () => {
    const twins = people(170, () => ({ sex: 'F', age: 25 }));
    const { ids, report } = await sweep(service(twins).client, 'red');
    expect(ids.size).toBe(160);
    expect(report.unreachable).toBe(10);
  });
});
