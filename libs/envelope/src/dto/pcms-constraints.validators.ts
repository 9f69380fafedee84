// Field rules of the PCMS contract that class-validator has no built-in for. Each rule is a named
// predicate so that the issue formatter can re-apply it to the items of an array and report the
// exact index that failed (class-validator's `each` only reports the array as a whole).
import isoCountries from 'i18n-iso-countries';
import { ValidateIf, registerDecorator, type ValidationOptions } from 'class-validator';
import { PARTY_IDS, RELEASABLE_TO } from '../envelope.constants';
import { Holds } from './cross-field.validators';

export interface PcmsConstraint {
  readonly predicate: (value: unknown) => boolean;
  readonly reason: string;
}

const EARLIEST_YEAR = 1900;
/** A passport runs ten years; fifty leaves room for any real document and none for a typo'd century. */
const FUTURE_YEARS = 50;

const PARTIAL_DATE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;
// RFC 3339 §5.6 date-time; the offset is mandatory: a timestamp without a zone is ambiguous.
const ZONED_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-](\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isRealDate(year: number, month?: number, day?: number): boolean {
  if (year < 1) return false;
  if (month === undefined) return true;
  if (month < 1 || month > 12) return false;
  return day === undefined || (day >= 1 && day <= daysInMonth(year, month));
}

function optionalNumber(group: string | undefined): number | undefined {
  return group === undefined ? undefined : Number(group);
}

export function isPartialDate(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const match = PARTIAL_DATE.exec(value);
  return match !== null && isRealDate(Number(match[1]), optionalNumber(match[2]), optionalNumber(match[3]));
}

export function isZonedDateTime(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const m = ZONED_DATE_TIME.exec(value);
  if (m === null) return false;
  const [hour, minute, second] = [Number(m[4]), Number(m[5]), Number(m[6])];
  const offsetOk = m[7] === undefined || (Number(m[7]) <= 23 && Number(m[8]) <= 59);
  return (
    isRealDate(Number(m[1]), Number(m[2]), Number(m[3])) &&
    hour <= 23 &&
    minute <= 59 &&
    second <= 59 &&
    offsetOk
  );
}

/** ISO 3166-1 alpha-2, upper case, and an assigned code (not merely two letters). */
export function isCountryCode(value: unknown): boolean {
  return typeof value === 'string' && /^[A-Z]{2}$/.test(value) && isoCountries.isValid(value);
}

/** ISO 639-2/B codes are three lower-case letters ('fre', 'ara', 'bam'). */
export function isLanguageCode(value: unknown): boolean {
  return typeof value === 'string' && /^[a-z]{3}$/.test(value);
}

/** RFC 3986 absolute URI: photos are passed by reference, never inline. */
export function isAbsoluteUri(value: unknown): boolean {
  if (typeof value !== 'string' || !/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}

// XSD's \S is any character but space, tab, CR and LF (XML Schema 2, F.1.1): narrower than
// JavaScript's, so a no-break space alone is text for the notice schema and must be here too.
const XSD_NON_BLANK = /[^ \t\r\n]/;

/** A string that NonBlankTextType takes: '' and '   ' are refused there, so here too. */
export function isNonBlank(value: unknown): boolean {
  return typeof value !== 'string' || value === '' || XSD_NON_BLANK.test(value);
}

/** A non-blank string, as IsString + IsNotEmpty + IsNonBlank, but re-applicable to each item of a list. */
export function isText(value: unknown): boolean {
  return typeof value === 'string' && XSD_NON_BLANK.test(value);
}

/** A JSON object, not an array: ValidateNested alone would accept `[[{...}]]` for a list of objects. */
export function isJsonObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function oneOf(allowed: readonly string[]): (value: unknown) => boolean {
  return (value) => typeof value === 'string' && allowed.includes(value);
}

export const PCMS_CONSTRAINTS = {
  isPartialDate: {
    predicate: isPartialDate,
    reason: "must be a real date as 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'",
  },
  isZonedDateTime: {
    predicate: isZonedDateTime,
    reason: 'must be an ISO 8601 date-time with a zone (Z or ±hh:mm)',
  },
  isCountryCode: {
    predicate: isCountryCode,
    reason: 'must be an ISO 3166-1 alpha-2 country code in upper case',
  },
  isLanguageCode: {
    predicate: isLanguageCode,
    reason: 'must be an ISO 639-2/B language code of 3 lower-case letters',
  },
  isAbsoluteUri: { predicate: isAbsoluteUri, reason: 'must be an absolute URI' },
  isPastPartialDate: {
    predicate: (value: unknown) => isPastPartialDate(value),
    reason: `must be a real date as 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', from 1900 to today`,
  },
  isJsonObject: { predicate: isJsonObject, reason: 'must be an object' },
  isText: { predicate: isText, reason: 'must be a non-empty string' },
  // '' is left to IsNotEmpty's own reason; a non-string to IsString's.
  isNonBlank: {
    predicate: isNonBlank,
    reason: 'must contain a character other than spaces, tabs and line breaks',
  },
  isFutureBoundedDate: {
    predicate: (value: unknown) => isBoundedPartialDate(value),
    reason: `must be a real date as 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD', from 1900 to ${FUTURE_YEARS} years ahead`,
  },
  isPartyId: { predicate: oneOf(PARTY_IDS), reason: `must be one of ${PARTY_IDS.join(', ')}` },
  isReleasableTo: { predicate: oneOf(RELEASABLE_TO), reason: `must be one of ${RELEASABLE_TO.join(', ')}` },
} as const satisfies Record<string, PcmsConstraint>;

export type PcmsConstraintName = keyof typeof PCMS_CONSTRAINTS;

export function findPcmsConstraint(name: string): PcmsConstraint | undefined {
  return Object.prototype.hasOwnProperty.call(PCMS_CONSTRAINTS, name)
    ? PCMS_CONSTRAINTS[name as PcmsConstraintName]
    : undefined;
}

/** A rule named after its predicate, with the reason the issue list shows. */
export function Satisfies(
  name: string,
  predicate: (value: unknown) => boolean,
  reason: string,
  options?: ValidationOptions,
): PropertyDecorator {
  return Holds(name, (value) => predicate(value), reason, options);
}

function constraintDecorator(name: PcmsConstraintName) {
  const { predicate, reason } = PCMS_CONSTRAINTS[name];
  return (options?: ValidationOptions): PropertyDecorator => Satisfies(name, predicate, reason, options);
}

export const IsPartialDate = constraintDecorator('isPartialDate');
export const IsPastPartialDate = constraintDecorator('isPastPartialDate');
export const IsZonedDateTime = constraintDecorator('isZonedDateTime');
export const IsCountryCode = constraintDecorator('isCountryCode');
export const IsLanguageCode = constraintDecorator('isLanguageCode');
export const IsAbsoluteUri = constraintDecorator('isAbsoluteUri');
export const IsJsonObject = constraintDecorator('isJsonObject');
export const IsText = constraintDecorator('isText');
export const IsNonBlank = constraintDecorator('isNonBlank');
export const IsFutureBoundedDate = constraintDecorator('isFutureBoundedDate');
export const IsPartyId = constraintDecorator('isPartyId');
export const IsReleasableTo = constraintDecorator('isReleasableTo');

/**
 * At most `max` characters, counted as XSD's maxLength counts them (code points, not UTF-16 units):
 * the bound of the notice field the value maps to (`NOTICE_TEXT_LIMITS`). With `each`, per item.
 */
export function MaxChars(max: number, options?: ValidationOptions): PropertyDecorator {
  const reason = `${options?.each ? 'each item ' : ''}must be at most ${max} characters`;
  return (target, propertyName) =>
    registerDecorator({
      name: 'maxChars',
      target: target.constructor,
      propertyName: String(propertyName),
      constraints: [max],
      options,
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || [...value].length <= max,
        defaultMessage: () => reason,
      },
    });
}

/**
 * A date of something that happened (a birth, a warrant, a body found): a real date, not after
 * today and not before 1900. A birth date decades ahead crossed to every platform before.
 */
export function isPastPartialDate(value: unknown, now: Date = new Date()): boolean {
  if (!isPartialDate(value)) return false;
  const [year, month = 1, day = 1] = (value as string).split('-').map(Number);
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return year >= EARLIEST_YEAR && Date.UTC(year, month - 1, day) <= today;
}


/**
 * A date that may lie ahead (an expiry): a real date from 1900 to FUTURE_YEARS years from now.
 * '2999-01-01' passed before, and so did '1850'.
 */
export function isBoundedPartialDate(value: unknown, now: Date = new Date()): boolean {
  if (!isPartialDate(value)) return false;
  const year = Number((value as string).slice(0, 4));
  return year >= EARLIEST_YEAR && year <= now.getUTCFullYear() + FUTURE_YEARS;
}

/**
 * Optional means absent, not null: class-validator's IsOptional also waves null through, which
 * would let `"correlationId": null` into canonical bytes that other parties sign and verify.
 */
export function Optional(): PropertyDecorator {
  return ValidateIf((_object: object, value: unknown) => value !== undefined);
}
