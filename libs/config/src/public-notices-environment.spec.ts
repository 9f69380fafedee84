import { join } from 'node:path';
import { ConfigError, ConfigErrorCode } from './config.error';
import { loadConfig } from './config.loader';

const projectRoot = join(__dirname, '..', '..', '..');

describe('publicNotices.* from the environment', () => {
  it('sets every key of the section, typed as the file would (booleans, numbers, lists)', () => {
    const sut = loadConfig({
      rootDir: projectRoot,
      env: {
        PCMS_PUBLIC_NOTICES_ENABLED: 'true',
        PCMS_PUBLIC_NOTICES_BASE_URL: 'http://mirror.internal:8080/interpol/notices/v1',
        PCMS_PUBLIC_NOTICES_PUBLISHED_BASE_URL: 'https://ws-public.interpol.int/notices/v1',
        PCMS_PUBLIC_NOTICES_KINDS: 'red,yellow',
        PCMS_PUBLIC_NOTICES_INTERVAL_SECONDS: '900',
        PCMS_PUBLIC_NOTICES_RESULT_PER_PAGE: '20',
        PCMS_PUBLIC_NOTICES_TIMEOUT_MS: '5000',
        PCMS_PUBLIC_NOTICES_ATTEMPTS: '5',
        PCMS_PUBLIC_NOTICES_BACKOFF_MS: '1000',
        PCMS_PUBLIC_NOTICES_FILTERS_NATIONALITY: 'ML, NE',
        PCMS_PUBLIC_NOTICES_FILTERS_ARREST_WARRANT_COUNTRY_ID: 'TD',
      },
    });

    expect(sut.publicNotices).toEqual({
      enabled: true,
      baseUrl: 'http://mirror.internal:8080/interpol/notices/v1',
      publishedBaseUrl: 'https://ws-public.interpol.int/notices/v1',
      kinds: ['red', 'yellow'],
      intervalSeconds: 900,
      resultPerPage: 20,
      timeoutMs: 5000,
      attempts: 5,
      backoffMs: 1000,
      filters: { nationality: ['ML', 'NE'], arrestWarrantCountryId: ['TD'] },
    });
  });

  it('refuses a value it cannot read, naming the variable', () => {
    let caught: unknown;
    try {
      loadConfig({
        rootDir: projectRoot,
        env: { PCMS_PUBLIC_NOTICES_ENABLED: 'yes', PCMS_PUBLIC_NOTICES_RESULT_PER_PAGE: '500' },
      });
    } catch (error: unknown) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigError);
    const error = caught as ConfigError;
    expect(error.code).toBe(ConfigErrorCode.CONFIG_INVALID);
    expect(error.issues.map((issue) => [issue.key, issue.source])).toEqual([
      ['publicNotices.enabled', 'environment variable PCMS_PUBLIC_NOTICES_ENABLED'],
      ['publicNotices.resultPerPage', 'environment variable PCMS_PUBLIC_NOTICES_RESULT_PER_PAGE'],
    ]);
  });
});
