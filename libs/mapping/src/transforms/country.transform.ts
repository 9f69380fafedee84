import * as countries from 'i18n-iso-countries';
import arabic from 'i18n-iso-countries/langs/ar.json';
import english from 'i18n-iso-countries/langs/en.json';
import french from 'i18n-iso-countries/langs/fr.json';
import { suggestionFor } from '../suggest';
import { MappingErrorCode } from '../mapping.error';
import {
  isPlainRecord,
  requireString,
  skipAbsent,
  TransformDefinition,
  TransformFailure,
} from './transform.types';
import { stripAccents } from './text.transforms';

type CountryOutput = 'alpha2' | 'alpha3';
const OUTPUTS: readonly CountryOutput[] = ['alpha2', 'alpha3'];

interface LocaleData {
  countries: Record<string, string | string[]>;
}

/** "Côte-d'Ivoire", "COTE D IVOIRE" and "côte d'ivoire" all become "cote d ivoire". */
export function normaliseCountryName(name: string): string {
  return stripAccents(name)
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

let nameIndex: Map<string, string> | undefined;

// The official English, French and Arabic names (and their variants) from i18n-iso-countries:
// the G5 operators write in these languages. A name claimed by two codes is left out.
function names(): Map<string, string> {
  if (nameIndex) return nameIndex;
  const index = new Map<string, string>();
  const ambiguous = new Set<string>();
  for (const locale of [english, french, arabic] as LocaleData[]) {
    for (const [code, variants] of Object.entries(locale.countries)) {
      for (const name of Array.isArray(variants) ? variants : [variants]) {
        const key = normaliseCountryName(name);
        const known = index.get(key);
        if (known !== undefined && known !== code) ambiguous.add(key);
        index.set(key, code);
      }
    }
  }
  for (const key of ambiguous) index.delete(key);
  nameIndex = index;
  return index;
}

/** ISO 3166-1 alpha-2 for an alpha-2, alpha-3, or English / French / Arabic name; undefined if unknown. */
export function toCountryCode(input: string): string | undefined {
  const text = input.trim();
  if (/^[A-Za-z]{2}$/u.test(text) && countries.isValid(text.toUpperCase())) return text.toUpperCase();
  if (/^[A-Za-z]{3}$/u.test(text) && countries.isValid(text.toUpperCase())) {
    return countries.alpha3ToAlpha2(text.toUpperCase());
  }
  return names().get(normaliseCountryName(text));
}

export const countryTransform: TransformDefinition = {
  argument: 'optional',
  compile(argument, context) {
    let output: CountryOutput = 'alpha2';
    if (argument !== undefined) {
      const to: unknown = isPlainRecord(argument) ? argument.to : undefined;
      if (!OUTPUTS.includes(to as CountryOutput)) {
        context.report(
          MappingErrorCode.TransformInvalid,
          context.path,
          `country takes { to: ${OUTPUTS.join(' | ')} }`,
          suggestionFor(String(to), OUTPUTS),
        );
        return undefined;
      }
      output = to as CountryOutput;
    }
    return skipAbsent((value) => {
      const text = requireString(value, 'country');
      const alpha2 = toCountryCode(text);
      if (alpha2 === undefined) throw new TransformFailure(`"${text}" is not a known country code or name`);
      return output === 'alpha2' ? alpha2 : countries.alpha2ToAlpha3(alpha2);
    });
  },
};
