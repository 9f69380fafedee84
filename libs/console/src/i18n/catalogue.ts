// The console's three languages: French by default, English, Arabic (right to left). Every string
// a page shows comes from one of these catalogues; console-catalogues.spec.ts fails when a key is
// missing in any language or a placeholder differs.
import { AR } from './catalogue.ar';
import { EN } from './catalogue.en';
import { FR, type MessageKey } from './catalogue.fr';

export type Catalogue = Readonly<Record<string, string>>;

export const LANGUAGES = ['fr', 'en', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'fr';

export const CATALOGUES: Readonly<Record<Language, Catalogue>> = { fr: FR, en: EN, ar: AR };

/** The BCP 47 locale Intl formats dates and numbers with. */
const INTL_LOCALES: Readonly<Record<Language, string>> = { fr: 'fr-FR', en: 'en-GB', ar: 'ar' };

/** Each language's own name, for the language switch. */
export const LANGUAGE_NAMES: Readonly<Record<Language, string>> = {
  fr: 'Français',
  en: 'English',
  ar: 'العربية',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** One reader's language: its strings, direction and formats. */
export class Locale {
  readonly dir: 'ltr' | 'rtl';
  readonly intl: string;
  private readonly dateFormat: Intl.DateTimeFormat;

  constructor(readonly language: Language) {
    this.dir = language === 'ar' ? 'rtl' : 'ltr';
    this.intl = INTL_LOCALES[language];
    // Times in UTC (every log and journal entry is); the page's script adds the reader's local time beside.
    this.dateFormat = new Intl.DateTimeFormat(this.intl, {
      dateStyle: 'medium',
      timeStyle: 'medium',
      timeZone: 'UTC',
    });
  }

  /** The string of `key`, its `{name}` placeholders replaced. */
  t(key: MessageKey, params: Readonly<Record<string, string | number>> = {}): string {
    // The spec keeps every key in every language; a key still missing shows itself, not a 500.
    const template: string = CATALOGUES[this.language][key] ?? FR[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
      const value = params[name];
      if (value === undefined) return whole;
      return typeof value === 'number' ? this.number(value) : value;
    });
  }

  number(value: number): string {
    return new Intl.NumberFormat(this.intl).format(value);
  }

  /** `4 déc. 2026, 20:33:37 UTC`: the date in the reader's locale, the time in UTC. */
  utc(iso: string): string {
    const at = new Date(iso);
    if (Number.isNaN(at.getTime())) return iso;
    return `${this.dateFormat.format(at)} ${this.t('time.utc')}`;
  }
}

/**
 * The reader's language: `?lang=` first (then remembered in a cookie), the cookie, the first
 * Accept-Language the console speaks, else French.
 */
export function chooseLanguage(
  query: string | null,
  cookie: string | undefined,
  acceptLanguage: string | undefined,
): Language {
  if (isLanguage(query)) return query;
  if (isLanguage(cookie)) return cookie;
  const wanted = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { primary: tag.split('-')[0]?.toLowerCase(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q);
  return wanted.map((entry) => entry.primary).find(isLanguage) ?? DEFAULT_LANGUAGE;
}

export type { MessageKey };
