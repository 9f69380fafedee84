import { X509Certificate } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createCertificateAuthority, issueCertificate } from './certificate.issuer';
import { Credential, PartyRole } from './credential.model';
import { TrustError, TrustErrorCode } from './trust.error';

/** The parties a development PKI issues certificates for. */
export const DEVELOPMENT_PARTIES: readonly string[] = [
  'NP-BF',
  'NP-TD',
  'NP-ML',
  'NP-MR',
  'NP-NE',
  'RP',
  'GATEWAY',
  'I247-PEER',
];

export interface InitDevelopmentPkiOptions {
  /** Defaults to DEVELOPMENT_PARTIES. */
  parties?: readonly string[];
  caCommonName?: string;
}

const CA_ID = 'ca';
const PARTY_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
const KEY_FILE_MODE = 0o600;
const DIRECTORY_MODE = 0o700;

export function roleOfParty(id: string): PartyRole {
  if (id === 'GATEWAY') return 'gateway';
  if (id.endsWith('-PEER')) return 'peer';
  return 'platform';
}

/**
 * A folder holding a deployment's PKI: `ca.crt`, `ca.key` and `<id>.crt` / `<id>.key` per party.
 * Key files are 0600 in a 0700 folder. Errors name files, never their content.
 */
export class PkiStore {
  private constructor(readonly directory: string) {}

  static open(directory: string): PkiStore {
    if (!existsSync(join(directory, `${CA_ID}.crt`))) {
      throw new TrustError(TrustErrorCode.CREDENTIAL_INVALID, `No PKI in ${directory}: ca.crt is missing`);
    }
    return new PkiStore(directory);
  }

  /** Creates the folder layout (used by initDevelopmentPki and by test helpers). */
  static create(directory: string, ca: Credential): PkiStore {
    mkdirSync(directory, { recursive: true, mode: DIRECTORY_MODE });
    chmodSync(directory, DIRECTORY_MODE);
    const store = new PkiStore(directory);
    store.write(CA_ID, ca);
    return store;
  }

  caCertificatePem(): string {
    return this.read(`${CA_ID}.crt`);
  }

  caCredential(): Credential {
    return this.credential(CA_ID);
  }

  /** The credential of a party; `privateKeyPem` is empty when the store holds no key for it. */
  credential(id: string): Credential {
    const certificatePem = this.read(`${checkedId(id)}.crt`);
    const keyFile = join(this.directory, `${id}.key`);
    const privateKeyPem = existsSync(keyFile) ? this.read(`${id}.key`) : '';
    return { certificatePem, privateKeyPem, serialNumber: serialOf(certificatePem, `${id}.crt`) };
  }

  has(id: string): boolean {
    return existsSync(join(this.directory, `${checkedId(id)}.crt`));
  }

  write(id: string, credential: Credential): void {
    writeFileSync(join(this.directory, `${checkedId(id)}.crt`), credential.certificatePem, { mode: 0o644 });
    if (credential.privateKeyPem) {
      const keyFile = join(this.directory, `${id}.key`);
      writeFileSync(keyFile, credential.privateKeyPem, { mode: KEY_FILE_MODE });
      // writeFile's mode applies only to new files and passes through the umask.
      chmodSync(keyFile, KEY_FILE_MODE);
    }
  }

  private read(file: string): string {
    try {
      return readFileSync(join(this.directory, file), 'utf8');
    } catch (cause) {
      throw new TrustError(TrustErrorCode.CREDENTIAL_INVALID, `Cannot read ${file} in ${this.directory}`, {
        cause,
      });
    }
  }
}

/**
 * Creates a CA and one credential per party in `directory`. Idempotent: when the folder already
 * holds a CA it is left as it is, so a deployment's keys are never replaced by accident.
 */
export function initDevelopmentPki(directory: string, options: InitDevelopmentPkiOptions = {}): PkiStore {
  if (existsSync(join(directory, `${CA_ID}.crt`))) return PkiStore.open(directory);
  const parties = options.parties ?? DEVELOPMENT_PARTIES;
  parties.forEach(checkedId);
  const ca = createCertificateAuthority({ commonName: options.caCommonName ?? 'PCMS Development CA' });
  const store = PkiStore.create(directory, ca);
  for (const id of parties) {
    store.write(id, issueCertificate({ issuer: ca, subjectId: id, role: roleOfParty(id) }));
  }
  return store;
}

function checkedId(id: string): string {
  // Ids become file names: nothing that could climb out of the folder.
  if (!PARTY_ID.test(id))
    throw new TrustError(TrustErrorCode.CREDENTIAL_INVALID, `Not a valid party id: ${JSON.stringify(id)}`);
  return id;
}

function serialOf(certificatePem: string, file: string): string {
  try {
    return new X509Certificate(certificatePem).serialNumber.toLowerCase();
  } catch (cause) {
    throw new TrustError(TrustErrorCode.CREDENTIAL_INVALID, `${file} is not a readable certificate`, {
      cause,
    });
  }
}
