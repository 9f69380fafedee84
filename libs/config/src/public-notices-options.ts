import { IsArray, IsBoolean, IsIn, IsInt, Matches, Max, Min } from 'class-validator';
import { Section } from './required-section';

// The publicNotices section: Interpol's public notices web service, read by the I-24/7 adapter.

const G5_COUNTRY = /^[A-Z]{2}$/;

/** One query per value, so that no query reaches the service's cap of 160 notices. */
export class PublicNoticesFiltersOptions {
  @IsArray()
  @Matches(G5_COUNTRY, { each: true, message: 'each must be an ISO 3166-1 alpha-2 code in upper case' })
  nationality: string[];

  @IsArray()
  @Matches(G5_COUNTRY, { each: true, message: 'each must be an ISO 3166-1 alpha-2 code in upper case' })
  arrestWarrantCountryId: string[];
}

/** Interpol's public notices web service, polled by the I-24/7 adapter (a bull repeatable job). */
export class PublicNoticesOptions {
  /** Off in the shipped profiles: polling a public service is an operator's decision. */
  @IsBoolean()
  enabled: boolean;

  /** Where the service is reached: its public root, or a mirror or egress proxy of it. */
  @Matches(/^https?:\/\//, { message: 'must be an http:// or https:// URL' })
  baseUrl: string;

  /**
   * The root the service writes its absolute links against: links on it (or on baseUrl) are
   * fetched from baseUrl, any other is refused.
   */
  @Matches(/^https?:\/\//, { message: 'must be an http:// or https:// URL' })
  publishedBaseUrl: string;

  @IsArray()
  @IsIn(['red', 'yellow', 'un'], { each: true })
  kinds: ('red' | 'yellow' | 'un')[];

  @IsInt()
  @Min(1)
  intervalSeconds: number;

  /** The service answers at most 160 per page whatever is asked. */
  @IsInt()
  @Min(1)
  @Max(160)
  resultPerPage: number;

  @IsInt()
  @Min(100)
  timeoutMs: number;

  /** Tries of one poll whose pages or notices failed, with exponential backoff. */
  @IsInt()
  @Min(1)
  @Max(20)
  attempts: number;

  @IsInt()
  @Min(10)
  backoffMs: number;

  @Section(() => PublicNoticesFiltersOptions)
  filters: PublicNoticesFiltersOptions;
}

/** How an environment variable's text becomes the key's value. */
export type EnvironmentValueType = 'text' | 'boolean' | 'integer' | 'list';

/**
 * Every publicNotices key from the environment (config/README.md), so that a deployment points
 * the poller at its mirror or proxy without editing a profile. Lists are comma-separated.
 */
export const PUBLIC_NOTICES_ENVIRONMENT: Readonly<
  Record<string, { key: string; type: EnvironmentValueType }>
> = {
  PCMS_PUBLIC_NOTICES_ENABLED: { key: 'publicNotices.enabled', type: 'boolean' },
  PCMS_PUBLIC_NOTICES_BASE_URL: { key: 'publicNotices.baseUrl', type: 'text' },
  PCMS_PUBLIC_NOTICES_PUBLISHED_BASE_URL: { key: 'publicNotices.publishedBaseUrl', type: 'text' },
  PCMS_PUBLIC_NOTICES_KINDS: { key: 'publicNotices.kinds', type: 'list' },
  PCMS_PUBLIC_NOTICES_INTERVAL_SECONDS: { key: 'publicNotices.intervalSeconds', type: 'integer' },
  PCMS_PUBLIC_NOTICES_RESULT_PER_PAGE: { key: 'publicNotices.resultPerPage', type: 'integer' },
  PCMS_PUBLIC_NOTICES_TIMEOUT_MS: { key: 'publicNotices.timeoutMs', type: 'integer' },
  PCMS_PUBLIC_NOTICES_ATTEMPTS: { key: 'publicNotices.attempts', type: 'integer' },
  PCMS_PUBLIC_NOTICES_BACKOFF_MS: { key: 'publicNotices.backoffMs', type: 'integer' },
  PCMS_PUBLIC_NOTICES_FILTERS_NATIONALITY: { key: 'publicNotices.filters.nationality', type: 'list' },
  PCMS_PUBLIC_NOTICES_FILTERS_ARREST_WARRANT_COUNTRY_ID: {
    key: 'publicNotices.filters.arrestWarrantCountryId',
    type: 'list',
  },
};

/**
 * The value of an environment variable as the key expects it. Text that is not a boolean or a
 * number is passed on as it is, so that validation refuses it naming the variable.
 */
export function environmentValue(type: EnvironmentValueType, text: string): unknown {
  switch (type) {
    case 'text':
      return text;
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : text;
    case 'integer':
      return /^-?\d+$/.test(text.trim()) ? Number(text) : text;
    case 'list':
      return text
        .split(',')
        .map((item) => item.trim())
        .filter((item) => item !== '');
  }
}
