import { JOURNAL_STAGES } from '@pcms/journal';
import { CATALOGUES, chooseLanguage, LANGUAGES, Locale } from './catalogue';
import { FR } from './catalogue.fr';

const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '').sort();

describe('console catalogues', () => {
  it.each(LANGUAGES)('%s has every key of the French catalogue, and no other', (language) => {
    const keys = Object.keys(CATALOGUES[language]).sort();
    expect(keys).toEqual(Object.keys(FR).sort());
  });

  it.each(LANGUAGES)('%s has no empty string and the same placeholders as French', (language) => {
    for (const [key, french] of Object.entries(FR)) {
      const text = CATALOGUES[language][key] ?? '';
      expect({ key, empty: text.trim() === '' }).toEqual({ key, empty: false });
      expect({ key, placeholders: placeholders(text) }).toEqual({ key, placeholders: placeholders(french) });
    }
  });

  it('names every stage of the journal (a stage added to JOURNAL_STAGES needs its label)', () => {
    const missing = JOURNAL_STAGES.filter((stage) => !(`stage.${stage}` in FR));
    expect(missing).toEqual([]);
  });
});

describe(Locale.name, () => {
  it('lays Arabic out right to left and the others left to right', () => {
    expect(new Locale('ar').dir).toBe('rtl');
    expect(new Locale('fr').dir).toBe('ltr');
    expect(new Locale('en').dir).toBe('ltr');
  });

  it('writes the time in UTC whatever the language, the date in the reader’s locale', () => {
    const at = '2026-12-04T20:33:37.000Z';
    expect(new Locale('fr').utc(at)).toBe('4 déc. 2026, 20:33:37 UTC');
    expect(new Locale('en').utc(at)).toBe('4 Dec 2026, 20:33:37 UTC');
  });

  it('fills placeholders, numbers in the reader’s locale', () => {
    expect(new Locale('fr').t('deadLetters.total', { total: 1234 })).toBe(
      '1\u202f234 lettre(s) morte(s), les plus récentes d’abord', // narrow no-break space, CLDR's French grouping
    );
  });
});

describe(chooseLanguage.name, () => {
  it('takes ?lang= first, then the cookie, then Accept-Language, else French', () => {
    expect(chooseLanguage('ar', 'en', 'en')).toBe('ar');
    expect(chooseLanguage(null, 'en', 'ar')).toBe('en');
    expect(chooseLanguage('xx', undefined, 'de-DE,ar;q=0.8,en;q=0.5')).toBe('ar');
    expect(chooseLanguage(null, undefined, 'de-DE')).toBe('fr');
    expect(chooseLanguage(null, undefined, undefined)).toBe('fr');
  });
});
