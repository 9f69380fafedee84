// journalStoreFromConfig: paths under the data folder, the payload key made once with mode 0600.
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '@pcms/config';
import { journalStoreFromConfig, JournalErrorCode } from '@pcms/journal';
import { journalEvent } from './journal-events.fixture';

describe(journalStoreFromConfig.name, () => {
  let dataDir: string;
  const config = (journal: Record<string, unknown> = {}) =>
    loadConfig({ rootDir: resolve(__dirname, '../..'), env: {}, overrides: { dataDir, journal } });

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'pcms-journal-config-'));
  });

  afterEach(() => {
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens the SQLite file under the data folder and makes the payload key once, mode 0600', async () => {
    const payload = { contentType: 'text/plain', base64: Buffer.from('kept').toString('base64') };
    const event = journalEvent('cfg-1', 'received', { payload });
    const sut = await journalStoreFromConfig(config());
    try {
      await sut.append([event]);
    } finally {
      await sut.close();
    }

    const keyFile = join(dataDir, 'journal.key');
    expect(statSync(join(dataDir, 'journal.sqlite')).isFile()).toBe(true);
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64')).toHaveLength(32);

    const reopened = await journalStoreFromConfig(config());
    try {
      expect((await reopened.payloadOf(event.eventId))?.toString()).toBe('kept');
    } finally {
      await reopened.close();
    }
  });

  it('makes no key when payloads are not kept', async () => {
    const sut = await journalStoreFromConfig(config({ payloads: { keep: 'none' } }));
    await sut.close();

    expect(() => statSync(join(dataDir, 'journal.key'))).toThrow();
  });

  it('refuses a key file that does not hold 32 bytes', async () => {
    writeFileSync(join(dataDir, 'journal.key'), Buffer.alloc(16).toString('base64'));

    await expect(journalStoreFromConfig(config())).rejects.toMatchObject({
      code: JournalErrorCode.KeyInvalid,
    });
  });

  it('refuses the postgres driver without a URL', async () => {
    await expect(
      journalStoreFromConfig(config({ driver: 'postgres', postgresUrl: '' })),
    ).rejects.toMatchObject({
      code: JournalErrorCode.ConfigInvalid,
    });
  });
});
