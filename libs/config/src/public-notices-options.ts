import { Type } from 'class-transformer';
import { IsArray, IsBoolean, IsIn, IsInt, Matches, Max, Min, ValidateNested } from 'class-validator';

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

  @Matches(/^https?:\/\//, { message: 'must be an http:// or https:// URL' })
  baseUrl: string;

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

  @ValidateNested()
  @Type(() => PublicNoticesFiltersOptions)
  filters: PublicNoticesFiltersOptions;
}
