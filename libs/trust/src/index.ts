export { TrustError, TrustErrorCode } from './trust.error';
export { PARTY_ROLES, isPartyRole } from './credential.model';
export type { Credential, PartyIdentity, PartyRole, RsaKeyPair } from './credential.model';
export { generateRsaKeyPair } from './key-pair.generator';
export { createCertificateAuthority, issueCertificate } from './certificate.issuer';
export type {
  CertificateAuthorityOptions,
  IssueCertificateOptions,
  KeyUsageOptions,
  ValidityOptions,
} from './certificate.issuer';
export { identityOf } from './certificate.inspector';
export { CmsSigner } from './cms.signer';
export { SignatureVerifier } from './signature.verifier';
export type { SignatureVerifierOptions, VerifiedSignature, VerifyOptions } from './signature.verifier';
export { DEVELOPMENT_PARTIES, PkiStore, initDevelopmentPki, roleOfParty } from './pki.store';
export type { InitDevelopmentPkiOptions } from './pki.store';
