// The business-key index on the journal's database, on SQLite and on the real PostgreSQL: a
// message is found by a name in another transliteration, by its notice id and warrant reference,
// newest first, and the table holds no name, notice id or reference in clear.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { businessKeyFromConfig, openBusinessKeyIndex, type BusinessKeyIndex } from '@pcms/business-keys';
import { loadConfig } from '@pcms/config';
import type { JournalDriver, JournalEvent } from '@pcms/journal';
import { journalTestDatabase, type JournalTestDatabase } from '../journal/journal-databases';
import { PROJECT_ROOT } from '../support/gateway.harness';

const notice = readFileSync(join(PROJECT_ROOT, 'libs/notice/fixtures/valid/red-full-mali-niger.xml'));

function received(
  messageId: string,
  at: string,
  payload: { contentType: string; text: string | Buffer },
): JournalEvent {
  return {
    eventId: `${messageId}-received`,
    messageId,
    stage: 'received',
    app: 'pcms-adapter',
    at,
    details: {},
    payload: { contentType: payload.contentType, base64: Buffer.from(payload.text).toString('base64') },
  };
}

function envelope(familyName: string, givenNames: string, warrant: string): string {
  return JSON.stringify({
    id: 'x',
    type: 'person.wanted',
    payload: { subject: { familyName, givenNames }, warrants: [{ reference: warrant, charge: 'c' }] },
  });
}

describe.each<JournalDriver>(['sqlite', 'postgres'])('business-key index on %s', (driver) => {
  let database: JournalTestDatabase;
  let sut: BusinessKeyIndex;
  const key = randomBytes(32);

  beforeAll(async () => {
    database = await journalTestDatabase(driver, __filename);
    sut = await openBusinessKeyIndex({ ...database.location, key });
    await sut.indexEvents([
      received('m-muhammad', '2026-12-01T10:00:00.000Z', {
        contentType: 'application/json',
        text: envelope('DIALLO', 'Muhammad Ag Ahmad', 'ML/PJS-TCO/2023/0412'),
      }),
      received('m-mahamat', '2026-12-02T10:00:00.000Z', {
        contentType: 'application/json',
        text: envelope('Mahamat', 'Abdelkader', 'TD/2024/77'),
      }),
      received('m-mahmoud', '2026-12-03T10:00:00.000Z', {
        contentType: 'application/json',
        text: envelope('MAHMOUD', 'Sidi', 'MR/2025/1'),
      }),
      received('m-notice', '2026-12-04T10:00:00.000Z', { contentType: 'application/xml', text: notice }),
      // Not a received stage: nothing to index, whatever it carries.
      {
        ...received('m-other', '2026-12-05T10:00:00.000Z', {
          contentType: 'application/json',
          text: envelope('Mohamed', 'X', 'Y'),
        }),
        stage: 'delivered',
      },
    ]);
  });

  afterAll(async () => {
    await sut?.close();
    await database?.drop();
  });

  it('finds every transliteration of a name, newest first, and not a different name', async () => {
    expect(await sut.find('Mohamed')).toEqual(['m-mahamat', 'm-muhammad']);
    expect(await sut.find('محمد')).toEqual(expect.arrayContaining(['m-mahamat', 'm-muhammad']));
    expect(await sut.find('Mohammed Ould Ahmed')).toEqual(['m-muhammad']);
    expect(await sut.find('Abd al-Qadir Mahamat')).toEqual(['m-mahamat']);
    expect(await sut.find('Mahmud')).toEqual(['m-mahmoud']);
    expect(await sut.find('Traoré')).toEqual(['m-notice']);
    expect(await sut.find('Toure')).toEqual([]);
    expect(await sut.find('Mohamed Traore')).toEqual([]);
  });

  it('finds the same messages when every other word is probed row by row instead of read whole', async () => {
    // Bounds of one row: every word counts as common, so the order of the query's words decides
    // which one leads and the others are probed (on a real journal: words of over 20,000 rows).
    const probing = await openBusinessKeyIndex({
      ...database.location,
      key,
      nameSearchPlan: { wordCountBound: 1, readWholeBound: 1 },
    });
    try {
      for (const query of [
        'Mohammed Ould Ahmed',
        'Ahmed Diallo Mohamed',
        'Mahamat Abdelkader',
        'Sidi Mohamed',
      ]) {
        expect(await probing.find(query)).toEqual(await sut.find(query));
      }
      expect(await probing.find('Diallo Muhammad')).toEqual(['m-muhammad']);
      expect(await probing.find('Sidi Mohamed')).toEqual([]);
    } finally {
      await probing.close();
    }
  });

  it('finds a message by its warrant reference or notice id, however separated', async () => {
    expect(await sut.find('ml pjs-tco 2023 0412')).toEqual(['m-muhammad']);
    expect(await sut.find('NE/PJ-NIA/2024/55')).toEqual(['m-notice']);
    expect(await sut.find('2025/48213')).toEqual(['m-notice']);
    expect(await sut.find('2025/48214')).toEqual([]);
  });

  it('writes a redelivered batch again without a second row, and stops at the limit', async () => {
    const before = await database.exec('select count(*) as n from business_keys');
    await sut.indexEvents([
      received('m-muhammad', '2026-12-01T10:00:00.000Z', {
        contentType: 'application/json',
        text: envelope('DIALLO', 'Muhammad Ag Ahmad', 'ML/PJS-TCO/2023/0412'),
      }),
    ]);

    expect(await database.exec('select count(*) as n from business_keys')).toEqual(before);
    expect(await sut.find('Mohamed', 1)).toEqual(['m-mahamat']);
  });

  it('keeps no name, notice id or reference in clear: hashes only, useless with another key', async () => {
    // The message ids of this test are named after the people; the other columns are what is stored of them.
    const rows = await database.exec('select hash, kind, at_ms from business_keys');
    // A 32-digit hex hash may hold '0412' by chance (one run in a few hundred): only the other columns are searched for clear text.
    const dump = JSON.stringify(rows.map(({ hash: _hash, ...rest }) => rest)).toLowerCase();

    expect(rows.length).toBeGreaterThan(0);
    for (const clear of ['diallo', 'muhammad', 'mhmd', 'mahamad', 'traore', '48213', '0412', 'mlpjstco']) {
      expect(dump).not.toContain(clear);
    }
    expect(rows.every((row) => /^[0-9a-f]{32}$/.test(String(row.hash)))).toBe(true);
    const otherKey = await openBusinessKeyIndex({ ...database.location, key: randomBytes(32) });
    try {
      expect(await otherKey.find('Mohamed')).toEqual([]);
    } finally {
      await otherKey.close();
    }
  });
});

describe(businessKeyFromConfig.name, () => {
  it('makes the key on first use like the payload key (32 bytes, mode 0600, under the data folder), then reads it back', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'pcms-business-keys-'));
    try {
      const config = loadConfig({ rootDir: PROJECT_ROOT, env: { PCMS_DATA_DIR: dataDir } });

      const made = businessKeyFromConfig(config);

      const file = join(dataDir, config.journal.businessKeys.keyFile);
      expect(made).toHaveLength(32);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(businessKeyFromConfig(config)).toEqual(made);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
