import { loadConfig } from '@pcms/config';
import type { RetentionLogger } from '@pcms/journal-emitter';
import { join } from 'node:path';
import { journalRetentionOptions } from './journal-retention.options';

const projectRoot = join(__dirname, '..', '..', '..');
const quiet: RetentionLogger = { info: () => undefined, error: () => undefined };

describe(journalRetentionOptions.name, () => {
  it('runs the purge every journal.payloads.purgeEveryMinutes, for its retentionDays', () => {
    const config = loadConfig({
      rootDir: projectRoot,
      env: {},
      overrides: { journal: { payloads: { purgeEveryMinutes: 5, retentionDays: 12 } } },
    });

    const sut = journalRetentionOptions(config, quiet);

    expect(sut).toMatchObject({
      everyMs: 5 * 60 * 1000,
      retentionDays: 12,
      keyPrefix: config.redis.keyPrefix,
    });
  });

  it('keeps the hourly purge of the shipped demo profile', () => {
    const sut = journalRetentionOptions(loadConfig({ rootDir: projectRoot, env: {} }), quiet);

    expect(sut.everyMs).toBe(60 * 60 * 1000);
  });
});
