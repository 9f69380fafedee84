// Field predicates the judicial DTOs share with nothing else. Country, language and partial
// dates come from @pcms/envelope so that both contracts read them the same way.
import { isPartialDate } from '@pcms/envelope';

export function isFullDate(value: unknown): boolean {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && isPartialDate(value);
}
