import { suggestionFor } from '../suggest';
import { MappingErrorCode } from '../mapping.error';
import {
  describeType,
  isPlainRecord,
  skipAbsent,
  TransformDefinition,
  TransformFailure,
} from './transform.types';

/** A calendar date known to the year, the month or the day: partiality is kept end to end. */
export interface PartialDateValue {
  year: number;
  month?: number;
  day?: number;
}

export type DateStyle = 'iso' | 'interpol';
const STYLES: readonly DateStyle[] = ['iso', 'interpol'];

// ISO 8601 (YYYY, YYYY-MM, YYYY-MM-DD), Interpol (YYYY/MM/DD, YYYY/MM) and the day-first
// DD/MM/YYYY that Sahel operators type (also with '.' or '-').
const ISO = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/u;
const INTERPOL = /^(\d{4})\/(\d{1,2})(?:\/(\d{1,2}))?$/u;
const DAY_FIRST = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})$/u;
// RFC 3339 §5.6 date-time; a zone is required to know which calendar day it is.
const DATE_TIME = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:?\d{2})$/u;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function checked(date: PartialDateValue, text: string): PartialDateValue {
  const { year, month, day } = date;
  if (year < 1 || (month !== undefined && (month < 1 || month > 12))) {
    throw new TransformFailure(`"${text}" is not a valid date`);
  }
  if (month !== undefined && day !== undefined && (day < 1 || day > daysIn(year, month))) {
    throw new TransformFailure(`"${text}" is not a valid date`);
  }
  return date;
}

const num = (digits: string | undefined): number | undefined =>
  digits === undefined ? undefined : Number(digits);

export function parsePartialDate(input: unknown): PartialDateValue {
  if (typeof input === 'number' && Number.isInteger(input) && input >= 1000 && input <= 9999) {
    return { year: input };
  }
  if (typeof input !== 'string')
    throw new TransformFailure(`date expects a string, got ${describeType(input)}`);
  const text = input.trim();
  let match = ISO.exec(text) ?? INTERPOL.exec(text);
  if (match) return checked({ year: Number(match[1]), month: num(match[2]), day: num(match[3]) }, text);
  match = DAY_FIRST.exec(text);
  if (match) return checked({ year: Number(match[4]), month: Number(match[3]), day: Number(match[1]) }, text);
  if (DATE_TIME.test(text)) {
    const instant = new Date(text);
    if (!Number.isNaN(instant.getTime())) {
      // The UTC calendar day, so the same instant gives the same date whatever the sender's zone.
      return { year: instant.getUTCFullYear(), month: instant.getUTCMonth() + 1, day: instant.getUTCDate() };
    }
  }
  throw new TransformFailure(
    `"${text}" is not a recognised date (YYYY[-MM[-DD]], YYYY/MM[/DD], DD/MM/YYYY or a date-time with zone)`,
  );
}

export function formatPartialDate({ year, month, day }: PartialDateValue, style: DateStyle): string {
  const separator = style === 'iso' ? '-' : '/';
  const parts = [String(year).padStart(4, '0')];
  if (month !== undefined) parts.push(String(month).padStart(2, '0'));
  if (month !== undefined && day !== undefined) parts.push(String(day).padStart(2, '0'));
  return parts.join(separator);
}

export const dateTransform: TransformDefinition = {
  argument: 'optional',
  compile(argument, context) {
    let style: DateStyle = 'iso';
    if (argument !== undefined) {
      const to: unknown = isPlainRecord(argument) ? argument.to : undefined;
      const extra = isPlainRecord(argument) ? Object.keys(argument).filter((key) => key !== 'to') : [];
      if (!STYLES.includes(to as DateStyle) || extra.length > 0) {
        context.report(
          MappingErrorCode.TransformInvalid,
          context.path,
          `date takes { to: ${STYLES.join(' | ')} }`,
          suggestionFor(String(to), STYLES),
        );
        return undefined;
      }
      style = to as DateStyle;
    }
    return skipAbsent((value) => formatPartialDate(parsePartialDate(value), style));
  },
};
