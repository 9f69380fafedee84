export { TrustError, TrustErrorCode } from './trust.error';
export { PARTY_ROLES, isPartyRole } from './credential.model';
export type { Credential, PartyIdentity, PartyRole, RsaKeyPair } from './credential.model';
export { generateRsaKeyPair, generateRsaKeyPairAsync } from './key-pair.generator';
export { createCertificateAuthority, issueCertificate } from './certificate.issuer';
export type {
  CertificateAuthorityOptions,
  IssueCertificateOptions,
  KeyUsageOptions,
  ValidityOptions,
} from './certificate.issuer';
export { identityOf } from './certificate.inspector';
export { CmsSigner, type CmsSignerOptions } from './cms.signer';
export { SignatureVerifier } from './signature.verifier';
export { RevocationList } from './revocation.list';
export type { RevocationSource } from './revocation.list';
export { REVOCATION_REASONS, isRevocationReason } from './revocation-reason';
export type { RevocationReason } from './revocation-reason';
export { normalizeSerialHex } from './der.codec';
export { readCertificateRequest } from './certificate-request.reader';
export type { CertificateRequestFacts } from './certificate-request.reader';
export {
  importCertificateAuthority,
  issuePartyCertificate,
  listCertificates,
  renewAllPartyCertificates,
  renewPartyCertificate,
  revokeCertificate,
} from './pki.lifecycle';
export type {
  CertificateListing,
  ImportCertificateAuthorityOptions,
  IssuePartyOptions,
  RenewedParty,
  RenewPartyOptions,
} from './pki.lifecycle';
export { DEFAULT_CRL_VALIDITY_DAYS, publishRevocationList } from './revocation.publisher';
export type { PublishCrlOptions, PublishedCrl } from './revocation.publisher';
export { inspectPkiFile } from './pki-file.inspector';
export type { CertificateSummary, CrlSummary, PkiFileSummary, RequestSummary } from './pki-file.inspector';
export type { CertificateRecord, CertificateStatus } from './pki-index';
export type { SignatureVerifierOptions, VerifiedSignature, VerifyOptions } from './signature.verifier';
export {
  CRL_FILE,
  DEVELOPMENT_CA_COMMON_NAME,
  DEVELOPMENT_PARTIES,
  PkiStore,
  developmentParties,
  initDevelopmentPki,
  isDevelopmentPki,
  issueMissingParties,
  roleOfParty,
} from './pki.store';
export type { DevelopmentParty, InitDevelopmentPkiOptions } from './pki.store';
