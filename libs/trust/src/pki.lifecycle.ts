import { createPrivateKey, createPublicKey, X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { publicKeyFromRequest } from './certificate-request.reader';
import { identityOf, inspectCertificatePem } from './certificate.inspector';
import { issueCertificate } from './certificate.issuer';
import { Credential, PartyRole } from './credential.model';
import { normalizeSerialHex } from './der.codec';
import { CertificateRecord } from './pki-index';
import { PkiStore } from './pki.store';
import { RevocationReason } from './revocation-reason';
import { publishRevocationList } from './revocation.publisher';
import { TrustError, TrustErrorCode } from './trust.error';

export interface ImportCertificateAuthorityOptions {
  certificatePem: string;
  privateKeyPem: string;
  now?: Date;
}

export interface IssuePartyOptions {
  id: string;
  role: PartyRole;
  /** A PKCS#10 request (PEM): its key is certified, and its private half never reaches us. */
  requestPem?: string;
  validityDays?: number;
  now?: Date;
}

export interface RenewPartyOptions {
  validityDays?: number;
  /** A new key pair made here instead of certifying the current public key again. */
  newKey?: boolean;
}

export interface CertificateListing extends Omit<CertificateRecord, 'role'> {
  serialHex: string;
  role: PartyRole | 'ca';
  /** Whole days left; negative once expired. */
  daysToExpiry: number;
  /** The party's current certificate (`<id>.crt`), as opposed to one it superseded. */
  current: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Starts a PKI around an existing CA. The certificate must be a CA allowed to sign certificates
 * and CRLs (RFC 5280 §4.2.1.3, §4.2.1.9), valid now, and the key must be its own.
 */
export function importCertificateAuthority(
  directory: string,
  options: ImportCertificateAuthorityOptions,
): PkiStore {
  if (existsSync(join(directory, 'ca.crt'))) {
    throw new TrustError(TrustErrorCode.PKI_STATE_CONFLICT, `${directory} already holds a CA`);
  }
  const facts = inspectCertificatePem(options.certificatePem);
  const refuse = (why: string): never => {
    throw new TrustError(TrustErrorCode.CREDENTIAL_INVALID, `The imported CA certificate ${why}`);
  };
  if (!facts.isCa) refuse('is not a CA (basicConstraints cA is not set)');
  if (facts.keyUsage && !(facts.keyUsage.keyCertSign && facts.keyUsage.cRLSign)) {
    refuse('may not sign certificates and revocation lists (keyCertSign, cRLSign)');
  }
  if (facts.publicKey.asymmetricKeyType !== 'rsa') refuse('does not hold an RSA key');
  const now = options.now ?? new Date();
  if (now < facts.notBefore || now > facts.notAfter) refuse('is not valid now');
  let privateKeyPem: string;
  try {
    const key = createPrivateKey(options.privateKeyPem);
    const spki = (pem: ReturnType<typeof createPublicKey>) => pem.export({ type: 'spki', format: 'der' });
    if (!spki(createPublicKey(key)).equals(spki(facts.publicKey))) throw new Error('keys differ');
    privateKeyPem = key.export({ type: 'pkcs8', format: 'pem' }).toString();
  } catch (cause) {
    // Never the key itself in the message.
    throw new TrustError(
      TrustErrorCode.CREDENTIAL_INVALID,
      'The imported CA key cannot be read (unencrypted PEM expected) or does not match the certificate',
      { cause },
    );
  }
  const store = PkiStore.create(directory, {
    certificatePem: facts.pem,
    privateKeyPem,
    serialNumber: facts.serialHex,
  });
  publishRevocationList(store, { now });
  return store;
}

/**
 * Issues the first certificate of a party, or a new one once its current certificate is revoked
 * or expired (a live one is renewed, not issued again).
 */
export function issuePartyCertificate(store: PkiStore, options: IssuePartyOptions): Credential {
  if (store.has(options.id)) {
    const current = store.credential(options.id);
    const record = store.certificates()[normalizeSerialHex(current.serialNumber)];
    const live =
      record?.status !== 'revoked' && new Date(record?.notAfter ?? 0) > (options.now ?? new Date());
    if (live) {
      throw new TrustError(
        TrustErrorCode.PKI_STATE_CONFLICT,
        `${options.id} already holds a valid certificate (serial ${current.serialNumber}): renew or revoke it`,
      );
    }
  }
  const publicKeyPem = options.requestPem
    ? publicKeyFromRequest(options.requestPem, options.id, options.role)
    : undefined;
  const credential = issueCertificate({
    issuer: store.caCredential(),
    subjectId: options.id,
    role: options.role,
    validityDays: options.validityDays,
    publicKeyPem,
  });
  store.replace(options.id, credential);
  return credential;
}

/**
 * A new certificate (new serial, new dates) for the party's current key, or a new key. The
 * previous certificate stays valid until revoked, so a party can switch over at its own pace.
 */
export function renewPartyCertificate(
  store: PkiStore,
  id: string,
  options: RenewPartyOptions = {},
): Credential {
  if (!store.has(id)) {
    throw new TrustError(TrustErrorCode.PKI_STATE_CONFLICT, `${id} has no certificate to renew: issue one`);
  }
  const current = store.credential(id);
  const { role } = identityOf(current.certificatePem);
  const publicKeyPem = options.newKey
    ? undefined
    : new X509Certificate(current.certificatePem).publicKey
        .export({ type: 'spki', format: 'pem' })
        .toString();
  const renewed = issueCertificate({
    issuer: store.caCredential(),
    subjectId: id,
    role,
    validityDays: options.validityDays,
    publicKeyPem,
  });
  // Without a new key, the private key file stays as it is: `write` keeps it.
  store.write(id, renewed);
  return options.newKey ? renewed : { ...renewed, privateKeyPem: current.privateKeyPem };
}

export interface RenewedParty {
  id: string;
  serialNumber: string;
  previousSerial: string;
}

/**
 * Renews every party whose current certificate is live (not revoked, not expired), each with its
 * current key: how a PKI made before a change of the certificate profile (extensions, usages)
 * gets certificates of the new profile under the same CA. Revoked and expired parties are left
 * to `issuePartyCertificate`, which asks for a decision.
 */
export function renewAllPartyCertificates(
  store: PkiStore,
  options: Omit<RenewPartyOptions, 'newKey'> & { now?: Date } = {},
): RenewedParty[] {
  const now = options.now ?? new Date();
  const live = listCertificates(store, now).filter(
    (listing) =>
      listing.role !== 'ca' &&
      listing.current &&
      listing.status === 'valid' &&
      new Date(listing.notAfter) > now,
  );
  return live.map(({ id, serialHex }) => ({
    id,
    serialNumber: renewPartyCertificate(store, id, { validityDays: options.validityDays }).serialNumber,
    previousSerial: serialHex,
  }));
}

/** Marks a certificate revoked in the index; the next published CRL lists it. */
export function revokeCertificate(
  store: PkiStore,
  serialHex: string,
  reason: RevocationReason,
  now: Date = new Date(),
): CertificateRecord {
  return store.updateRecord(serialHex, (record) => {
    if (record.status === 'revoked') {
      throw new TrustError(
        TrustErrorCode.PKI_STATE_CONFLICT,
        `Serial ${normalizeSerialHex(serialHex)} is already revoked`,
      );
    }
    return { ...record, status: 'revoked', revokedAt: now.toISOString(), reason };
  });
}

/** Every certificate of the PKI, the CA first, then by party and expiry. */
export function listCertificates(store: PkiStore, now: Date = new Date()): CertificateListing[] {
  const daysTo = (iso: string) => Math.floor((new Date(iso).getTime() - now.getTime()) / DAY_MS);
  const currentSerials = new Set<string>();
  const parties = Object.entries(store.certificates());
  for (const id of new Set(parties.map(([, record]) => record.id))) {
    if (store.has(id)) currentSerials.add(normalizeSerialHex(store.credential(id).serialNumber));
  }
  const ca = inspectCertificatePem(store.caCertificatePem());
  const caListing: CertificateListing = {
    serialHex: ca.serialHex,
    id: 'ca',
    role: 'ca',
    notBefore: ca.notBefore.toISOString(),
    notAfter: ca.notAfter.toISOString(),
    status: 'valid',
    daysToExpiry: daysTo(ca.notAfter.toISOString()),
    current: true,
  };
  const listings = parties.map(([serialHex, record]): CertificateListing => ({
    ...record,
    serialHex,
    daysToExpiry: daysTo(record.notAfter),
    current: currentSerials.has(serialHex),
  }));
  listings.sort((a, b) => a.id.localeCompare(b.id) || a.notAfter.localeCompare(b.notAfter));
  return [caListing, ...listings];
}
