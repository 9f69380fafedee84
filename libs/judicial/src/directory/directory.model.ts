// The judicial directory as the code reads it (config/judicial-directory.yaml). Networks,
// states, authorities and treaties are data: a change of membership is an edit of the file.
import type { RequestChannel, RequestKind } from '../judicial.constants';
import type { FollowUpPolicy } from '../follow-up/follow-up.policy';

export const AUTHORITY_ROLES = [
  'mla-central-authority',
  'extradition-central-authority',
  'platform-focal-point',
  'platform-alternate',
  'wacap-focal-point',
  'platform-secretariat',
] as const;
export type AuthorityRole = (typeof AUTHORITY_ROLES)[number];

export function isAuthorityRole(value: unknown): value is AuthorityRole {
  return typeof value === 'string' && (AUTHORITY_ROLES as readonly string[]).includes(value);
}

/** A role that exists only inside a network: its holder's state must be a member of it. */
export const ROLE_NETWORK: Partial<Record<AuthorityRole, string>> = {
  'platform-focal-point': 'sahel-platform',
  'platform-alternate': 'sahel-platform',
  'wacap-focal-point': 'wacap',
  'platform-secretariat': 'sahel-platform',
};

/**
 * Roles held for a network, not for a state: the Sahel platform's secretariat keeps the database of
 * requests and receives a copy of them, but speaks for no state, so it is party to no request
 * (JudicialDirectory.stateOf answers nothing for an authority holding only such roles).
 */
export const NETWORK_ONLY_ROLES: readonly AuthorityRole[] = ['platform-secretariat'];

export const CONTACT_KINDS = ['email', 'phone'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/** What a treaty covers: a request of that kind may rest on it. */
export const TREATY_SCOPES = ['mla', 'extradition'] as const;
export type TreatyScope = (typeof TREATY_SCOPES)[number];

export interface Bilingual {
  en: string;
  fr: string;
}

export interface Membership {
  network: string;
  /** YYYY, YYYY-MM or YYYY-MM-DD, as precise as the source. */
  from: string;
  /** The day it ended (the state is no longer a member on that day); absent while it lasts. */
  until?: string;
}

export interface DirectoryNetwork {
  id: string;
  name: Bilingual;
  founded: string;
}

export interface DirectoryState {
  /** ISO 3166-1 alpha-2. */
  id: string;
  name: Bilingual;
  languages: string[];
  memberships: Membership[];
}

export interface Contact {
  kind: ContactKind;
  value: string;
  /** Answers at any hour (UNTOC art. 18(13) urgent requests, provisional arrests). */
  available247: boolean;
}

export interface DirectoryAuthority {
  /** Also the common name of its certificate (role `authority`, later), hence the PKI's id syntax. */
  id: string;
  state: string;
  name: Bilingual;
  roles: AuthorityRole[];
  languages: string[];
  channels: RequestChannel[];
  contacts: Contact[];
  /** Its system's judicial door (https); absent: `judicialAdapter.defaultEndpoint`. */
  endpoint?: string;
  lastVerified: string;
}

export interface DirectoryTreaty {
  id: string;
  title: Bilingual;
  covers: TreatyScope[];
  signed?: string;
  parties: string[];
  lastVerified: string;
}

export interface DirectoryData {
  version: 1;
  networks: DirectoryNetwork[];
  states: DirectoryState[];
  authorities: DirectoryAuthority[];
  treaties: DirectoryTreaty[];
  /** How long a request may sit without a move (follow-up/follow-up.policy.ts). */
  followUp?: FollowUpPolicy;
}

/** The treaty scope a request of this kind needs. */
export function scopeOfKind(kind: RequestKind): TreatyScope {
  return kind === 'extradition' || kind === 'provisional-arrest' ? 'extradition' : 'mla';
}
