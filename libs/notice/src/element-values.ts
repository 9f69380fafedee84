import { OCCURS_LIMITS } from './notice.constants';
import { ElementCursor } from './element.cursor';
import { NoticePhoto } from './notice.model';

const WHOLE_NUMBER = /^\d{1,6}$/;

export const ANY_NUMBER_OF = (max: number) => ({ min: 0, max });

/** Optional properties stay absent rather than `undefined`, so parsed objects compare cleanly. */
export function assignDefined<T extends object, K extends keyof T>(
  target: T,
  key: K,
  value: T[K] | undefined,
): void {
  if (value !== undefined) target[key] = value;
}

/** Digits only; the range is NoticeValidator's to judge on the number. */
export function wholeNumber(cursor: ElementCursor | undefined, unit: string): number | undefined {
  if (!cursor) return undefined;
  const text = cursor.text();
  if (WHOLE_NUMBER.test(text)) return Number(text);
  cursor.report(`must be a whole number of ${unit}`);
  return undefined;
}

/** The XSD's IndicatorType: `true` or `false`, nothing else. */
export function indicator(cursor: ElementCursor | undefined): boolean | undefined {
  if (!cursor) return undefined;
  const text = cursor.text();
  if (text === 'true' || text === 'false') return text === 'true';
  cursor.report('must be true or false');
  return undefined;
}

export function readPhotos(parent: ElementCursor, name: string): NoticePhoto[] {
  return parent.repeated(name, ANY_NUMBER_OF(OCCURS_LIMITS.photos)).map((photo) => {
    const href = photo.attribute('href');
    const caption = photo.attribute('caption');
    photo.finish();
    if (href === undefined) photo.report('is required', '/@href');
    return caption === undefined ? { href: href ?? '' } : { href: href ?? '', caption };
  });
}
