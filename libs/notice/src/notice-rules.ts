import { OCCURS_LIMITS, TEXT_LIMITS } from './notice.constants';
import { NoticeIssue } from './notice.error';
import { NON_XML_CHARACTER } from './xml-characters';

/** Interpol's date convention: YYYY/MM/DD, YYYY/MM or YYYY. */
export const INTERPOL_DATE = /^(\d{4})(?:\/(\d{2})(?:\/(\d{2}))?)?$/;
export const FULL_INTERPOL_DATE = /^\d{4}\/\d{2}\/\d{2}$/;
export const COUNTRY_CODE = /^[A-Z]{2}$/;
export const LANGUAGE_CODE = /^[A-Z]{3}$/;
export const NOTICE_ID = /^[A-Za-z0-9][A-Za-z0-9/._-]{0,63}$/;
// RFC 3986 absolute URI, characters restricted to what libxml2's anyURI check accepts unescaped.
export const ABSOLUTE_URI = /^[A-Za-z][A-Za-z0-9+.-]*:(?:[A-Za-z0-9\-._~:/?#@!$&'()*+,;=]|%[0-9A-Fa-f]{2})+$/;

/** Collects issues for values of unknown runtime shape: a mapping may hand over anything. */
export class IssueCollector {
  readonly issues: NoticeIssue[] = [];

  report(path: string, reason: string): void {
    this.issues.push({ path, reason });
  }

  /** Free text: non-blank, at most `max` characters (code points, as the XSD counts them). */
  text(path: string, value: unknown, max: number, required: boolean): void {
    if (value === undefined && !required) return;
    if (typeof value !== 'string') return this.report(path, required ? 'is required' : 'must be text');
    const trimmed = value.trim();
    if (trimmed === '') return this.report(path, 'must not be empty');
    if ([...trimmed].length > max) return this.report(path, `must be at most ${max} characters`);
    if (NON_XML_CHARACTER.test(value)) this.report(path, 'contains a character not allowed in XML');
  }

  pattern(path: string, value: unknown, pattern: RegExp, expected: string, required: boolean): void {
    if (value === undefined && !required) return;
    if (typeof value !== 'string') return this.report(path, required ? 'is required' : 'must be text');
    if (!pattern.test(value)) this.report(path, `must be ${expected}, got "${clip(value)}"`);
  }

  date(path: string, value: unknown, required: boolean, full = false): void {
    if (value === undefined && !required) return;
    const expected = full ? 'a date YYYY/MM/DD' : 'a date YYYY/MM/DD, YYYY/MM or YYYY';
    if (typeof value !== 'string') return this.report(path, required ? 'is required' : `must be ${expected}`);
    const match = INTERPOL_DATE.exec(value);
    if (!match || (full && !FULL_INTERPOL_DATE.test(value)) || !isCalendarDate(match)) {
      this.report(path, `must be ${expected}, got "${clip(value)}"`);
    }
  }

  oneOf(path: string, value: unknown, allowed: readonly string[], what: string): void {
    if (value === undefined) return;
    if (typeof value !== 'string' || !allowed.includes(value)) {
      const shown = typeof value === 'string' ? clip(value) : typeof value;
      this.report(path, `unknown ${what} "${shown}", expected one of ${allowed.join(', ')}`);
    }
  }

  wholeNumber(path: string, value: unknown, max: number, unit: string, min = 1): void {
    if (value === undefined) return;
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      this.report(path, `must be a whole number of ${unit} from ${min} to ${max}`);
    }
  }

  indicator(path: string, value: unknown): void {
    if (value !== undefined && typeof value !== 'boolean') this.report(path, 'must be true or false');
  }

  countryCode(path: string, value: unknown, required: boolean): void {
    this.pattern(path, value, COUNTRY_CODE, 'an ISO 3166-1 alpha-2 code', required);
  }

  /** A repeated free-text element; `maxOccurs` as the XSD's. */
  textList(path: string, value: unknown, max: number, maxOccurs: number): void {
    this.list<unknown>(path, value, { min: 0, max: maxOccurs }, (item, itemPath) =>
      this.text(itemPath, item, max, true),
    );
  }

  /** Photos by reference, on a subject or a body: absolute URI, optional caption. */
  photos(path: string, value: unknown): void {
    this.list<unknown>(path, value, { min: 0, max: OCCURS_LIMITS.photos }, (photo, itemPath) => {
      if (!this.object(itemPath, photo, true)) return;
      this.pattern(`${itemPath}/@href`, photo.href, ABSOLUTE_URI, 'an absolute URI', true);
      if (typeof photo.href === 'string' && photo.href.length > TEXT_LIMITS.href) {
        this.report(`${itemPath}/@href`, `must be at most ${TEXT_LIMITS.href} characters`);
      }
      this.text(`${itemPath}/@caption`, photo.caption, TEXT_LIMITS.caption, false);
    });
  }

  /** Checks the list's length, then each item; `itemPath` receives the 1-based XPath index. */
  list<T>(
    path: string,
    value: unknown,
    occurs: { min: number; max: number },
    each: (item: T, itemPath: string) => void,
  ): void {
    if (!Array.isArray(value)) return this.report(path, 'must be a list');
    if (value.length < occurs.min) this.report(path, `must occur at least ${occurs.min} time(s)`);
    if (value.length > occurs.max) this.report(path, `must occur at most ${occurs.max} times`);
    // By index, not forEach: a hole or an undefined item would otherwise reach the writer.
    for (let i = 0; i < value.length; i += 1) {
      const item = (value as (T | undefined)[])[i];
      if (item === undefined) this.report(`${path}[${i + 1}]`, 'is required');
      else each(item, `${path}[${i + 1}]`);
    }
  }

  object(path: string, value: unknown, required: boolean): value is Record<string, unknown> {
    if (typeof value === 'object' && value !== null && !Array.isArray(value)) return true;
    if (required || value !== undefined) this.report(path, 'is required');
    return false;
  }
}

function isCalendarDate(match: RegExpExecArray): boolean {
  const [, year, month, day] = match;
  if (month === undefined) return true;
  const monthNumber = Number(month);
  if (monthNumber < 1 || monthNumber > 12) return false;
  if (day === undefined) return true;
  const yearNumber = Number(year);
  const leap = (yearNumber % 4 === 0 && yearNumber % 100 !== 0) || yearNumber % 400 === 0;
  const lastDay = monthNumber === 2 ? (leap ? 29 : 28) : [4, 6, 9, 11].includes(monthNumber) ? 30 : 31;
  const dayNumber = Number(day);
  return dayNumber >= 1 && dayNumber <= lastDay;
}

function clip(value: string): string {
  return value.length > 40 ? `${value.slice(0, 40)}…` : value;
}
