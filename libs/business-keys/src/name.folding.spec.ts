import fc from 'fast-check';
import { foldName, nameIndexTerms, nameQueryTerms } from './name.folding';

/** Whether searching `query` finds a message naming `name`: every word of the query is found. */
function finds(query: string, name: string): boolean {
  const indexed = new Set(nameIndexTerms(name));
  const words = nameQueryTerms(query);
  return words.length > 0 && words.every((alternatives) => alternatives.some((term) => indexed.has(term)));
}

/** Each group is one name written the ways the Sahel and the Maghreb write it. */
const SAME_NAME: readonly (readonly string[])[] = [
  ['Mohamed', 'Mohammed', 'Muhammad', 'Mahamat', 'MOUHAMED', 'Mohamad', 'Muhammed', 'محمد'],
  ['Ahmed', 'Ahmad', 'Ahmat', 'AHMED', 'أحمد'],
  ['Oumar', 'Omar', 'Umar', 'عمر'],
  ['Yacoub', 'Yaqub', 'Yakoub', 'يعقوب'],
  ['Chérif', 'Sharif', 'Cherif', 'شريف'],
  ['Fatimah', 'Fatima', 'FATIMA', 'فاطمة'],
  ['Hamid', 'Hamed', 'حامد'],
  ['Dembélé', 'DEMBELE', 'Dembele'],
  ['Traoré', 'TRAORE', 'Traore'],
  ['Moussa', 'Musa', 'Mussa', 'موسى'],
  ['Khaled', 'Khalid', 'خالد'],
  ['Abdelkader', 'Abd al-Qadir', 'Abdel Kader', 'ABD EL KADER', 'Abdoul Kader', 'عبد القادر'],
  ['Abdallah', 'Abdullah', 'Abdalla', 'عبد الله'],
];

/** Latin names that must stay apart, though a consonant skeleton alone would merge some of them. */
const DIFFERENT_NAMES: readonly string[] = [
  'Mohamed',
  'Mahmoud',
  'Ahmed',
  'Hamid',
  'Traore',
  'Toure',
  'Diallo',
  'Oumar',
  'Amadou',
];

describe(foldName.name, () => {
  it.each(SAME_NAME.map((group) => [group[0], group] as const))(
    'finds every writing of %s by every other',
    (_, group) => {
      for (const query of group)
        for (const name of group) expect([query, name, finds(query, name)]).toEqual([query, name, true]);
    },
  );

  it('keeps different Latin names apart (Mahmoud is not Mohamed, Traoré is not Touré, Ahmed is not Hamid)', () => {
    for (const query of DIFFERENT_NAMES) {
      for (const name of DIFFERENT_NAMES) {
        expect([query, name, finds(query, name)]).toEqual([query, name, query === name]);
      }
    }
  });

  it('ignores case and accents, whatever the letters (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,12}$/), (word) => {
        const accented = word.replace(/e/g, 'é').replace(/a/g, 'à').replace(/i/g, 'ï');
        expect(foldName(accented.toUpperCase())).toEqual(foldName(word));
      }),
    );
  });

  it('folds a doubled letter as a single one, y as i, and ou as u before a consonant (property)', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,12}$/), fc.nat(11), (word, at) => {
        const i = at % word.length;
        const doubled = word.slice(0, i + 1) + word[i] + word.slice(i + 1);
        expect(foldName(doubled)).toEqual(foldName(word));
        expect(foldName(word.replace(/i/g, 'y'))).toEqual(foldName(word));
        expect(foldName(`${word}oumb`)).toEqual(foldName(`${word}umb`));
      }),
    );
  });

  it('gives terms of lower-case ASCII letters only, whatever the text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (text) => {
        for (const term of nameIndexTerms(text)) expect(term).toMatch(/^(v|s|sa):[a-z]+$/);
      }),
    );
  });

  it('finds a full name whatever the son-of particle (Ould, Ag, ben) or article between its words', () => {
    expect(finds('Mohamed Ould Ahmed', 'Muhammad ag Ahmad')).toBe(true);
    expect(finds('Mohamed Ahmed', 'Muhammad ben Ahmad')).toBe(true);
    expect(finds('Ahmed El-Hadj', 'Ahmad Hadj')).toBe(true);
    expect(finds('Mohamed Traore', 'Muhammad Diallo')).toBe(false);
  });

  it('joins an apostrophe and drops what is not a letter', () => {
    expect(foldName("N'Diaye")).toEqual(foldName('Ndiaye'));
    expect(foldName('  Traoré, Amadou (2024) ')).toEqual(foldName('traore amadou'));
    expect(foldName(' 12 / - ')).toEqual([]);
  });
});
