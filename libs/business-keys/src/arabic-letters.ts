// Arabic letters as the Latin letters the Sahel and the Maghreb write them with, so that a name in
// Arabic script folds like its transliterations (name.folding.ts). Short vowels are not written
// in Arabic (harakat are marks, stripped before this); long vowels and ʿayn become vowels, which
// the consonant skeleton drops anyway. Hamza alone is silent; on a carrier (أ إ ؤ ئ) Unicode
// decomposes it into the carrier plus a mark, so the carrier letter is what remains here.

const LETTERS: Readonly<Record<string, string>> = {
  ا: 'a', // alif
  ٱ: 'a', // alif wasla
  ى: 'a', // alif maqsura
  ء: '', // hamza
  ب: 'b',
  ت: 't',
  ث: 'th',
  ج: 'j',
  ح: 'h',
  خ: 'kh',
  د: 'd',
  ذ: 'dh',
  ر: 'r',
  ز: 'z',
  س: 's',
  ش: 'sh',
  ص: 's',
  ض: 'd',
  ط: 't',
  ظ: 'z',
  ع: 'a', // ʿayn: written as a vowel in Latin (Omar, Abdelaziz)
  غ: 'gh',
  ف: 'f',
  ق: 'q',
  ك: 'k',
  ل: 'l',
  م: 'm',
  ن: 'n',
  ه: 'h',
  ة: 'h', // tāʾ marbūṭa: silent at the end (Fatima / فاطمة)
  و: 'u',
  ي: 'i',
  پ: 'p',
  چ: 'ch',
  ڤ: 'v',
  گ: 'g',
  ـ: '', // tatweel, a stretch of the line
};

/** Waw and ya that begin a word are consonants (Walid, Yacoub); inside it, long vowels. */
const INITIAL: Readonly<Record<string, string>> = { و: 'w', ي: 'y' };

const ARABIC_LETTER = /[\u0600-\u06ff]/;
/** The definite article al- joined to the word (القادر → قادر); kept on words of three letters or fewer. */
const ARABIC_ARTICLE = /^(ال|ٱل)(?=.{2,})/;

export function isArabic(word: string): boolean {
  return ARABIC_LETTER.test(word);
}

/** An Arabic word (marks already stripped) in Latin letters, its article dropped. */
export function transliterateArabic(word: string): string {
  const bare = word.replace(ARABIC_ARTICLE, '');
  let latin = '';
  for (const [index, letter] of [...bare].entries()) {
    latin += (index === 0 ? INITIAL[letter] : undefined) ?? LETTERS[letter] ?? '';
  }
  return latin;
}
