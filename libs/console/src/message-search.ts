// The search form's fields as the journal's filter (`JournalSearch`, the one `pcms search` uses),
// and the page the reader asked for. A platform's reader is held to its own platform's messages.
// The business key (a name, a notice id, a warrant reference) is looked up in the business-key
// index first (`pcms search --key`); the journal then narrows those messages by the other fields.
import { isJournalStage, type JournalSearch } from '@pcms/journal';
import type { ConsoleReader } from './access';

export const PAGE_SIZE = 25;
/** Deeper pages cost a longer scan of the journal's newest messages; refine the search instead. */
export const MAX_PAGE = 40;

export interface SearchForm {
  readonly sender: string;
  readonly type: string;
  readonly stage: string;
  readonly since: string;
  readonly until: string;
  readonly correlation: string;
  /** A person's name in any transliteration, a notice id or a warrant reference. */
  readonly key: string;
  readonly page: number;
}

export type ParsedSearch =
  | { readonly ok: true; readonly form: SearchForm; readonly filter: JournalSearch }
  | { readonly ok: false; readonly form: SearchForm; readonly field: string };

const FIELD = /^[A-Za-z0-9._:-]{0,64}$/;
/** Long enough for a full name in any script, short enough to stay a search. */
export const MAX_KEY_LENGTH = 120;

export function parseSearch(query: URLSearchParams, reader: ConsoleReader): ParsedSearch {
  const value = (name: string): string => (query.get(name) ?? '').trim();
  const page = Number(value('page') || '1');
  const form: SearchForm = {
    sender: reader.platform ?? value('sender'),
    type: value('type'),
    stage: value('stage'),
    since: value('since'),
    until: value('until'),
    correlation: value('correlation'),
    key: value('key'),
    page: Number.isInteger(page) ? page : 1,
  };
  for (const field of ['sender', 'type', 'correlation'] as const) {
    if (!FIELD.test(form[field])) return { ok: false, form, field };
  }
  if ([...form.key].length > MAX_KEY_LENGTH) return { ok: false, form, field: 'key' };
  if (form.stage !== '' && !isJournalStage(form.stage)) return { ok: false, form, field: 'stage' };
  if (form.page < 1 || form.page > MAX_PAGE) return { ok: false, form, field: 'page' };
  const since = form.since === '' ? undefined : new Date(form.since);
  const until = form.until === '' ? undefined : endOf(form.until);
  if (since && Number.isNaN(since.getTime())) return { ok: false, form, field: 'since' };
  if (until && Number.isNaN(until.getTime())) return { ok: false, form, field: 'until' };
  const filter: JournalSearch = {
    ...(form.sender ? { sender: form.sender } : {}),
    ...(form.type ? { type: form.type } : {}),
    ...(form.stage && isJournalStage(form.stage) ? { stage: form.stage } : {}),
    ...(since ? { since } : {}),
    ...(until ? { until } : {}),
    ...(form.correlation ? { correlationId: form.correlation } : {}),
    // One more than the page: whether a next page exists.
    limit: form.page * PAGE_SIZE + 1,
  };
  return { ok: true, form, filter };
}

/** A date alone (the form's date field) means up to the end of that day, in UTC. */
function endOf(text: string): Date {
  const at = new Date(text);
  return /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(at.getTime() + 24 * 60 * 60 * 1000 - 1) : at;
}
