import { toCountryCode } from './country.transform';

/** "Bosnia and Herzegovina", "Saint Vincent and the Grenadines": the longest phrase tried. */
const LONGEST_NAME_WORDS = 5;

/**
 * The countries a free-text place names (ISO 3166-1 alpha-2, in the order written, each once),
 * as the UN list writes addresses: "Agadez, Niger", "Tessalit, région de Kidal, MALI" (the last
 * part is the country: then it alone counts, so "Niger State, Nigeria" is Nigeria), else any
 * name inside: "Northern Burkina Faso", "Mali-Niger border area" (two countries). Inside a text,
 * names only: a word of three letters or fewer ("Ne", "Td", "Mar") is not read as a code.
 */
export function countriesNamedIn(place: string): string[] {
  const last = place.split(',').pop()?.trim() ?? '';
  const country = last === '' ? undefined : toCountryCode(last);
  if (country !== undefined) return [country];
  const words = place.split(/[^\p{L}']+/u).filter((word) => word !== '');
  const found: string[] = [];
  for (let start = 0; start < words.length;) {
    const match = longestNameAt(words, start);
    if (match && !found.includes(match.country)) found.push(match.country);
    start += match?.length ?? 1;
  }
  return found;
}

function longestNameAt(words: string[], start: number): { country: string; length: number } | undefined {
  for (let length = Math.min(LONGEST_NAME_WORDS, words.length - start); length >= 1; length--) {
    const phrase = words.slice(start, start + length).join(' ');
    if (length === 1 && phrase.length <= 3) continue;
    const country = toCountryCode(phrase);
    if (country !== undefined) return { country, length };
  }
  return undefined;
}
