// A person's name folded so that its usual transliterations meet (issue 13): one search for
// "Mohamed" finds Mohammed, Muhammad, Mahamat and محمد. The folding is small and written down
// (README.md, "Folding names"): what it merges is what the index reveals as equal (SECURITY.md).
//
// Each word gives two forms:
// - vocalised: the consonants normalised (ch/sh, kh/k, q/k, dj/j, ou/u, y/i…) and every run of
//   vowels written `a`, so Mohamed, Muhammad and Mahamat meet while Mahmoud, Traoré and Touré
//   stay apart;
// - skeleton: the consonants alone (a leading vowel kept as `a`), the only form Arabic script can
//   be compared with, since it does not write short vowels.
// A Latin word is found by a Latin query through its vocalised form, and by an Arabic query through
// its skeleton; an Arabic word is found by either through its skeleton.
import { isArabic, transliterateArabic } from './arabic-letters';

export type NameScript = 'latin' | 'arabic';

export interface FoldedWord {
  readonly script: NameScript;
  readonly vocalised: string;
  readonly skeleton: string;
}

/** Letters NFKD does not take apart: Fula hooked letters (ɓ ɗ ƴ), ligatures, stroked letters. */
const LATIN_EXTRAS: Readonly<Record<string, string>> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  đ: 'd',
  ł: 'l',
  ı: 'i',
  ŋ: 'n',
  ɓ: 'b',
  ɗ: 'd',
  ƴ: 'y',
};

/** Articles standing alone (Ahmed El-Hadj, Abd al-Qadir): dropped. */
const ARTICLES: ReadonlySet<string> = new Set([
  'al',
  'el',
  'ul',
  'il',
  'ad',
  'ed',
  'ar',
  'er',
  'as',
  'es',
  'an',
  'en',
]);
/** "Son of" in Hassaniya (Ould), Tamasheq (Ag), Arabic (ben, ibn, ولد, بن, ابن): dropped, so that any of them, or none, matches. */
const SON_OF: ReadonlySet<string> = new Set([
  'ould',
  'uld',
  'wuld',
  'weld',
  'wld',
  'ag',
  'ben',
  'bin',
  'ibn',
  'ibnu',
  'ibnou',
  'bn',
  'abn',
]);
/** Abd written apart from the name it belongs to (Abd al-Qadir, Abdel Kader, Abdoul Karim). */
const ABD_APART: ReadonlySet<string> = new Set([
  'abd',
  'abdu',
  'abdou',
  'abdel',
  'abdal',
  'abdul',
  'abdoul',
  'abdil',
  'abder',
  'abdur',
]);

const VOWELS = /[aeiou]/;

// The word lists compared as spelt after folding: "Aad" or "Yl" are no more articles than "ad" is less of one.
const DROPPED: ReadonlySet<string> = new Set([...ARTICLES, ...SON_OF].map((word) => consonants(word)));
const ABD: ReadonlySet<string> = new Set([...ABD_APART].map((word) => consonants(word)));

function isDropped(letters: string): boolean {
  return DROPPED.has(consonants(letters));
}

/** Lower case, accents off, Arabic in Latin letters, nothing but a-z. */
function lettersOf(word: string): { script: NameScript; letters: string } {
  const bare = word.normalize('NFKD').replace(/\p{M}/gu, '');
  if (isArabic(bare)) return { script: 'arabic', letters: transliterateArabic(bare) };
  const lower = [...bare.toLowerCase()].map((letter) => LATIN_EXTRAS[letter] ?? letter).join('');
  return { script: 'latin', letters: lower.replace(/[^a-z]/g, '') };
}

/** Spellings of one sound written one way; order matters (x before sh, ch before c). */
function consonants(letters: string): string {
  return letters
    .replace(/(.)\1+/g, '$1')
    .replace(/x/g, 'ks')
    .replace(/tch|sch|ch|sh/g, 'x')
    .replace(/dj/g, 'j')
    .replace(/kh/g, 'k')
    .replace(/gh/g, 'g')
    .replace(/ph/g, 'f')
    .replace(/th/g, 't')
    .replace(/dh/g, 'd')
    .replace(/ck/g, 'k')
    .replace(/c(?=[eiy])/g, 's')
    .replace(/[cq]/g, 'k')
    .replace(/gu(?=[aeiouy])/g, 'g')
    .replace(/ou(?=[aeiy])/g, 'w') // Ouattara, Oualid: a French ou before a vowel is a w
    .replace(/ou|oo/g, 'u')
    .replace(/y/g, 'i')
    .replace(/(.)\1+/g, '$1');
}

/** A silent final h (Fatimah, Abdallah), and Chad's final t for d (Mahamat, Ahmat). */
function ending(form: string): string {
  const trimmed = form.length > 1 ? form.replace(/h$/, '') : form;
  return (trimmed.length > 1 ? trimmed.replace(/t$/, 'd') : trimmed).replace(/(.)\1+/g, '$1');
}

function vocalised(normalised: string): string {
  return ending(normalised.replace(/[aeiou]+/g, 'a'));
}

function skeleton(normalised: string): string {
  const lead = VOWELS.test(normalised[0] ?? '') ? 'a' : '';
  return ending(lead + normalised.replace(/[aeiou]+/g, ''));
}

/** One word folded; `undefined` when it is an article, a "son of", or holds no letter. */
function foldLetters(script: NameScript, letters: string): FoldedWord | undefined {
  if (letters === '' || isDropped(letters)) return undefined;
  const normalised = consonants(joinedAbd(letters));
  return { script, vocalised: vocalised(normalised), skeleton: skeleton(normalised) };
}

/**
 * Abd joined to its name in one word (Abdelkader, Abdoulkader, Abderrahmane, Abdallah): the
 * article between is dropped, and an l that ends it (Abdoul-kader) too.
 */
function joinedAbd(letters: string): string {
  if (!letters.startsWith('abd') || letters.length <= 4) return letters;
  const rest = letters.slice(3).replace(/^[aeiouy]+/, '');
  const name = /^l[^aeiouy]/.test(rest) && rest.length > 2 ? rest.slice(1) : rest;
  return `abd${name}`;
}

/** The words of a full name, folded; Abd written apart is joined to the word that follows. */
export function foldName(text: string): FoldedWord[] {
  // An apostrophe joins (N'Diaye is Ndiaye); every other non-letter separates.
  const words = text
    .replace(/['’ʼ`]/g, '')
    .split(/[^\p{L}\p{M}]+/u)
    .filter((word) => word !== '')
    .map(lettersOf);
  const folded: FoldedWord[] = [];
  for (let index = 0; index < words.length; index += 1) {
    let { script, letters } = words[index];
    if (ABD.has(consonants(letters))) {
      let next = index + 1;
      while (next < words.length && isDropped(words[next].letters)) next += 1;
      if (next < words.length) {
        letters = `abd${words[next].letters}`;
        script = words[next].script;
        index = next;
      }
    }
    const word = foldLetters(script, letters);
    if (word) folded.push(word);
  }
  return folded;
}

/**
 * What the index keeps of a name, each term tagged with the form it is: a Latin word by its
 * vocalised form (`v:`) and its skeleton (`s:`), an Arabic word by its skeleton, twice (`s:` for
 * Arabic queries, `sa:` for Latin ones).
 */
export function nameIndexTerms(text: string): string[] {
  const terms = foldName(text).flatMap((word) =>
    word.script === 'latin'
      ? [`v:${word.vocalised}`, `s:${word.skeleton}`]
      : [`s:${word.skeleton}`, `sa:${word.skeleton}`],
  );
  return [...new Set(terms)];
}

/**
 * A query's words, each as the terms any of which finds it: a Latin word by its vocalised form
 * (Latin names) or its skeleton (names written in Arabic); an Arabic word by its skeleton.
 * A name is found when every word of the query is.
 */
export function nameQueryTerms(text: string): string[][] {
  return foldName(text).map((word) =>
    word.script === 'latin' ? [`v:${word.vocalised}`, `sa:${word.skeleton}`] : [`s:${word.skeleton}`],
  );
}
