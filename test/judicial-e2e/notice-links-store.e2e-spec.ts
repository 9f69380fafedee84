// The link part of the judicial store (issue 15 point 6), on both databases: an extradition request
// naming an Interpol notice is linked when stored, once; read with the request and from the
// notice's side; a request under a conflicting id, or of a kind that does not follow a notice,
// links nothing.
import type { JournalDriver } from '@pcms/journal';
import {
  JudicialErrorCode,
  openJudicialStore,
  type JudicialDirectory,
  type JudicialStore,
} from '@pcms/judicial';
import { randomBytes, randomUUID } from 'node:crypto';
import { journalTestDatabase, type JournalTestDatabase } from '../journal/journal-databases';
import { day, extraditionSurrendered, requestBytes, shippedDirectory, walk } from '../judicial/judicial-seed';

jest.setTimeout(60_000);

/** The extradition fixture naming the given notice for its sought person. */
function extraditionNaming(noticeId: string) {
  const sought = {
    role: 'sought',
    identity: { familyName: 'RECHERCHE', givenNames: 'Fictif', birthDate: '1990' },
    interpolNoticeId: noticeId,
  };
  return requestBytes('extradition-mali-to-senegal', { persons: [sought] });
}

describe.each<JournalDriver>(['sqlite', 'postgres'])('judicial notice links on %s', (driver) => {
  let database: JournalTestDatabase;
  let directory: JudicialDirectory;
  let sut: JudicialStore;

  beforeAll(async () => {
    database = await journalTestDatabase(driver, __filename);
    directory = await shippedDirectory();
    sut = await openJudicialStore({ ...database.location, payloadKey: randomBytes(32) });
  });

  afterAll(async () => {
    await sut.close();
    await database.drop();
  });

  const linkRows = async (requestId: string) =>
    database.exec('select notice_id, role, linked_at from judicial_notice_links where request_id = ?', [
      requestId,
    ]);

  it('links an extradition request to its notice when stored, once however often it is stored', async () => {
    const noticeId = randomUUID();
    const { requestId, bytes } = extraditionNaming(noticeId);

    const first = await sut.submit(bytes, directory, day(0));
    const again = await sut.submit(bytes, directory, day(1));

    const link = { requestId, noticeId, role: 'sought', linkedAt: day(0).toISOString() };
    expect(first).toMatchObject({ outcome: 'stored', request: { noticeLinks: [link] } });
    // The duplicate keeps the first link's date and adds no row.
    expect(again).toMatchObject({ outcome: 'duplicate', request: { noticeLinks: [link] } });
    expect(await linkRows(requestId)).toHaveLength(1);
    expect((await sut.find(requestId))?.noticeLinks).toEqual([link]);
  });

  it("finds every request linked to a notice from the notice's side, with their histories", async () => {
    const noticeId = randomUUID();
    const one = extraditionNaming(noticeId);
    const two = extraditionNaming(noticeId);
    await sut.submit(one.bytes, directory, day(0));
    await sut.submit(two.bytes, directory, day(1));
    await walk(sut, directory, two.requestId, extraditionSurrendered(2, 8));

    const linked = await sut.linkedTo(noticeId);

    expect(linked.map((request) => request.requestId)).toEqual([one.requestId, two.requestId]);
    expect(linked[1].history.map((change) => change.to)).toEqual(
      expect.arrayContaining(['PERSON_ARRESTED', 'SURRENDERED']),
    );
    expect(await sut.linkedTo(randomUUID())).toEqual([]);
  });

  it('links nothing for an MLA request, nor for other bytes under a stored id', async () => {
    const noticeId = randomUUID();
    const mla = requestBytes('mla-mali-to-niger');
    const mlaRequest = JSON.parse(mla.bytes.toString('utf8')) as { persons: Record<string, unknown>[] };
    mlaRequest.persons = mlaRequest.persons.map((person) => ({ ...person, interpolNoticeId: noticeId }));
    const mlaBytes = Buffer.from(JSON.stringify(mlaRequest));
    const stored = extraditionNaming(randomUUID());
    const conflicting = Buffer.from(
      stored.bytes
        .toString('utf8')
        .replace(/"interpolNoticeId": "[^"]+"/, `"interpolNoticeId": "${noticeId}"`),
    );

    expect((await sut.submit(mlaBytes, directory)).outcome).toBe('stored');
    await sut.submit(stored.bytes, directory);
    expect(await sut.submit(conflicting, directory)).toMatchObject({
      outcome: 'refused',
      code: JudicialErrorCode.RequestConflict,
    });

    expect(await linkRows(mla.requestId)).toEqual([]);
    expect(await sut.linkedTo(noticeId)).toEqual([]);
  });
});
