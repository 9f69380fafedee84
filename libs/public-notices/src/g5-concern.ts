import { platformForCountry, type PcmsEnvelope } from '@pcms/envelope';
import { countriesNamedIn } from '@pcms/mapping';

interface ConcernedPayload {
  subject?: { nationalities?: string[]; addresses?: string[] };
  warrants?: { issuingCountry?: string }[];
  disappearance?: { country?: string };
  identityDocuments?: { issuingCountry?: string }[];
  entity?: { addresses?: string[] };
}

/**
 * Why a public notice concerns the G5, or nothing when it does not (it is then not forwarded):
 * - red: a G5 nationality of the subject or a G5 warrant-issuing country;
 * - yellow: a G5 nationality, or a disappearance in a G5 country;
 * - UN person or entity: a G5 nationality, an identity document issued by a G5 country, or an
 *   address naming a G5 country, as its last part ("Agadez, Niger") or inside it ("Northern
 *   Burkina Faso"; "Mali-Niger border area" names two: countriesNamedIn of @pcms/mapping).
 * The router then sends each notice to the platforms of these same countries (nationalities,
 * warrant countries, and where the facts happened, which for a UN listing are its addresses and
 * the issuers of its papers), and always to RP (config/policy.yaml).
 */
export function g5Concern(envelope: PcmsEnvelope): string[] {
  const payload = (envelope.payload ?? {}) as ConcernedPayload;
  const reasons = [
    ...(payload.subject?.nationalities ?? []).map((country) => ['nationality', country]),
    ...(payload.warrants ?? []).map((warrant) => ['warrant', warrant.issuingCountry]),
    ['disappearance', payload.disappearance?.country],
    ...(payload.identityDocuments ?? []).map((document) => ['identity-document', document.issuingCountry]),
    ...[...(payload.subject?.addresses ?? []), ...(payload.entity?.addresses ?? [])].flatMap((address) =>
      countriesNamedIn(address).map((country) => ['address', country]),
    ),
  ];
  const found = reasons.flatMap(([why, country]) =>
    country !== undefined && platformForCountry(country) ? [`${why} ${country}`] : [],
  );
  return [...new Set(found)];
}
