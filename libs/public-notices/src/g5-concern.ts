import { platformForCountry, type PcmsEnvelope } from '@pcms/envelope';
import { toCountryCode } from '@pcms/mapping';

interface ConcernedPayload {
  subject?: { nationalities?: string[] };
  warrants?: { issuingCountry?: string }[];
  disappearance?: { country?: string };
  identityDocuments?: { issuingCountry?: string }[];
  entity?: { addresses?: string[] };
}

/**
 * Why a public notice concerns the G5, or nothing when it does not (it is then not forwarded):
 * - red: a G5 nationality of the subject or a G5 warrant-issuing country;
 * - yellow: a G5 nationality, or a disappearance in a G5 country;
 * - UN person: a G5 nationality or an identity document issued by a G5 country;
 * - UN entity: an address naming a G5 country, in its last part ("Gao, Mali") or as words of it
 *   ("Northern Mali": the UN list writes regions so).
 * The router then sends each notice to the platforms of its G5 nationalities, warrant countries
 * and countries where the facts happened (a disappearance), and always to RP (config/policy.yaml).
 */
export function g5Concern(envelope: PcmsEnvelope): string[] {
  const payload = (envelope.payload ?? {}) as ConcernedPayload;
  const reasons = [
    ...(payload.subject?.nationalities ?? []).map((country) => ['nationality', country]),
    ...(payload.warrants ?? []).map((warrant) => ['warrant', warrant.issuingCountry]),
    ['disappearance', payload.disappearance?.country],
    ...(payload.identityDocuments ?? []).map((document) => ['identity-document', document.issuingCountry]),
    ...(payload.entity?.addresses ?? []).map((address) => ['address', countryOfAddress(address)]),
  ];
  const found = reasons.flatMap(([why, country]) =>
    country !== undefined && platformForCountry(country) ? [`${why} ${country}`] : [],
  );
  return [...new Set(found)];
}

function countryOfAddress(address: string): string | undefined {
  const last = address.split(',').pop()?.trim();
  const named = last ? toCountryCode(last) : undefined;
  if (named) return named;
  // Names only, single words and pairs ("Burkina Faso"): a two- or three-letter word of an address
  // ("ne", "Mar") is not a country code.
  const words = address.split(/[^\p{L}'-]+/u).filter((word) => word.length > 3);
  const phrases = [...words, ...words.slice(1).map((word, index) => `${words[index]} ${word}`)];
  return phrases.map((phrase) => toCountryCode(phrase)).find((code) => code && platformForCountry(code));
}
