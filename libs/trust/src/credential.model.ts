/**
 * `operator`: a person at a console (four-eyes approvals), never a message sender.
 * `authority`: a judicial authority of the directory (config/judicial-directory.yaml, CN = its
 * id); its system both sends signed judicial messages to the gateway and serves their deliveries.
 * `viewer`: a person at the operations console who reads and never acts (libs/console).
 */
export const PARTY_ROLES = ['platform', 'gateway', 'peer', 'operator', 'authority', 'viewer'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

/** The PCMS party a certificate is bound to: `CN=<id>, OU=<role>, O=PCMS`. */
export interface PartyIdentity {
  id: string;
  role: PartyRole;
}

/** A certificate and, when we hold it, its private key. Both PEM. */
export interface Credential {
  certificatePem: string;
  /** Empty when the certificate was issued for a public key whose private half we never saw. */
  privateKeyPem: string;
  /** Lower-case hex, as in the certificate. */
  serialNumber: string;
}

export interface RsaKeyPair {
  /** PKCS#8 PEM. */
  privateKeyPem: string;
  /** SubjectPublicKeyInfo PEM. */
  publicKeyPem: string;
}

export const PCMS_ORGANIZATION = 'PCMS';

export function isPartyRole(value: unknown): value is PartyRole {
  return typeof value === 'string' && (PARTY_ROLES as readonly string[]).includes(value);
}
