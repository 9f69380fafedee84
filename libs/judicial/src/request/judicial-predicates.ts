// Field predicates the judicial DTOs share with nothing else. Country, language and partial
// dates come from @pcms/envelope so that both contracts read them the same way.
import { isPartialDate } from '@pcms/envelope';

export function isFullDate(value: unknown): boolean {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && isPartialDate(value);
}

/** RFC 3986 absolute URI. */
export function isAbsoluteUri(value: unknown): boolean {
  if (typeof value !== 'string' || !/^[A-Za-z][A-Za-z0-9+.-]*:\S+$/.test(value)) return false;
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
}
