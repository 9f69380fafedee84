import type { MessageType, PayloadOf } from '@pcms/envelope';
import { countriesNamedIn } from '@pcms/mapping';

/** A country where the facts of a notice happened, and the words that say which field named it. */
export interface EventCountry {
  country: string;
  /** `disappearance in ML`: the verdict reads `disappearance in ML → NP-ML`. */
  because: string;
}

type EventPlaces<T extends MessageType> = (payload: PayloadOf<T>) => [because: string, country?: string][];

/**
 * Where each type says the facts happened (docs/architecture.md, "Payloads of the other types").
 * Keyed by type so that a renamed payload field breaks the build here, not the routing at runtime.
 * The optional chaining on required blocks keeps a malformed payload from throwing in the router:
 * it then simply names no country. A UN listing has no facts but places its person or entity:
 * the countries its addresses name ("Agadez, Niger", "Mali-Niger border area" names two) and
 * those that issued its papers. The diffusions and `incident.report` name none.
 */
const EVENT_PLACES: { [T in MessageType]?: EventPlaces<T> } = {
  'person.wanted': (payload) => [['facts in', payload.facts?.country]],
  'alert.threat': (payload) => [['facts in', payload.facts?.country]],
  'person.missing': (payload) => [['disappearance in', payload.disappearance?.country]],
  'person.information': (payload) => [['last known in', payload.inquiry?.lastKnownCountry]],
  'body.unidentified': (payload) => [['body found in', payload.body?.foundCountry]],
  'alert.hazard': (payload) => [['hazard in', payload.hazard?.country]],
  'modus-operandi': (payload) =>
    (payload.modusOperandi?.countries ?? []).map((country) => ['modus operandi in', country]),
  'sanctions.un': (payload) => [
    ...[...(payload.subject?.addresses ?? []), ...(payload.entity?.addresses ?? [])]
      .flatMap((address) => countriesNamedIn(address))
      .map((country): [string, string] => ['address in', country]),
    ...(payload.identityDocuments ?? []).map((document): [string, string?] => [
      'identity document issued by',
      document.issuingCountry,
    ]),
  ],
};

/** The countries where the facts of `type`'s payload happened, in the order the payload gives them. */
export function eventCountriesOf(type: MessageType, payload: unknown): EventCountry[] {
  const places = EVENT_PLACES[type] as EventPlaces<MessageType> | undefined;
  if (!places || typeof payload !== 'object' || payload === null) return [];
  const named = places(payload as PayloadOf<MessageType>).flatMap(([because, country]) =>
    country ? [{ country, because: `${because} ${country}` }] : [],
  );
  // Two addresses in the same country are one reason, not two.
  return named.filter(
    (place, index) => named.findIndex((other) => other.because === place.because) === index,
  );
}
