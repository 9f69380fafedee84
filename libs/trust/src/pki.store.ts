import { X509Certificate } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { inspectCertificatePem } from './certificate.inspector';
import { createCertificateAuthority, issueCertificate } from './certificate.issuer';
import { Credential, PartyRole } from './credential.model';
import { generateRsaKeyPairAsync } from './key-pair.generator';
import { normalizeSerialHex } from './der.codec';
import { CertificateRecord, PkiIndex, readPkiIndex, writePkiIndex } from './pki-index';
import { publishRevocationList } from './revocation.publisher';
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

/** The CA of a PKI made by initDevelopmentPki: only such a PKI is completed by `pki init`. */
export const DEVELOPMENT_CA_COMMON_NAME = 'PCMS Development CA';

export interface DevelopmentParty {
  id: string;
  role: PartyRole;
}

export interface InitDevelopmentPkiOptions {
  /** Defaults to DEVELOPMENT_PARTIES. */
  parties?: readonly string[];
  caCommonName?: string;
}

const CA_ID = 'ca';
/** Where the CA's current revocation list is published. */
export const CRL_FILE = 'crl.pem';
/** Every certificate ever issued, by serial, so a superseded one can still be inspected or revoked. */
const ISSUED_FOLDER = 'issued';
const PARTY_ID = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;
const KEY_FILE_MODE = 0o600;
const DIRECTORY_MODE = 0o700;

/** The role of a development party by its id; judicial authorities are listed apart. */
export function roleOfParty(id: string): PartyRole {
  if (id === 'GATEWAY') return 'gateway';
  if (id.endsWith('-PEER')) return 'peer';
  return 'platform';
}

/**
 * A folder holding a deployment's PKI: `ca.crt`, `ca.key` and `<id>.crt` / `<id>.key` per party
 * (the party's current certificate), `issued/<serial>.crt`, the index of issued certificates
 * (`index.json`) and the published revocation list (`crl.pem`). Key files and the index are 0600
 * in a 0700 folder. Errors name files, never their content.
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

  /** Makes `credential` the party's current one and records it in the index. */
  write(id: string, credential: Credential): void {
    writeFileSync(join(this.directory, `${checkedId(id)}.crt`), credential.certificatePem, { mode: 0o644 });
    if (id !== CA_ID) this.record(credential.certificatePem);
    if (credential.privateKeyPem) {
      const keyFile = join(this.directory, `${id}.key`);
      writeFileSync(keyFile, credential.privateKeyPem, { mode: KEY_FILE_MODE });
      // writeFile's mode applies only to new files and passes through the umask.
      chmodSync(keyFile, KEY_FILE_MODE);
    }
  }

  /**
   * Like `write`, but a credential without a private key (issued from a request) also removes the
   * party's previous key, which no longer matches its certificate.
   */
  replace(id: string, credential: Credential): void {
    if (!credential.privateKeyPem) rmSync(join(this.directory, `${checkedId(id)}.key`), { force: true });
    this.write(id, credential);
  }

  /** Every certificate the index knows, by normalised serial. */
  certificates(): Readonly<Record<string, CertificateRecord>> {
    return this.index().certificates;
  }

  /** The PEM of an issued certificate by serial, when the store kept it. */
  issuedCertificatePem(serialHex: string): string | undefined {
    const file = join(this.directory, ISSUED_FOLDER, `${normalizeSerialHex(serialHex)}.crt`);
    return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
  }

  updateRecord(
    serialHex: string,
    update: (record: CertificateRecord) => CertificateRecord,
  ): CertificateRecord {
    const index = this.index();
    const serial = normalizeSerialHex(serialHex);
    const record = index.certificates[serial];
    if (!record) {
      throw new TrustError(
        TrustErrorCode.PKI_STATE_CONFLICT,
        `No certificate with serial ${serial} in this PKI`,
      );
    }
    index.certificates[serial] = update(record);
    writePkiIndex(this.directory, index);
    return index.certificates[serial];
  }

  /** Reserves the next CRL number (RFC 5280 §5.2.3: monotonically increasing). */
  nextCrlNumber(): number {
    const index = this.index();
    index.lastCrlNumber += 1;
    writePkiIndex(this.directory, index);
    return index.lastCrlNumber;
  }

  get crlFile(): string {
    return join(this.directory, CRL_FILE);
  }

  crlPem(): string | undefined {
    return existsSync(this.crlFile) ? readFileSync(this.crlFile, 'utf8') : undefined;
  }

  /** Replaced by rename, so a gateway reloading on change never reads half a list. */
  writeCrl(crlPem: string): void {
    const temporary = `${this.crlFile}.${process.pid}.tmp`;
    writeFileSync(temporary, crlPem, { mode: 0o644 });
    renameSync(temporary, this.crlFile);
  }

  private record(certificatePem: string): void {
    const facts = inspectCertificatePem(certificatePem);
    if (!facts.identity) return;
    const issued = join(this.directory, ISSUED_FOLDER);
    mkdirSync(issued, { recursive: true, mode: DIRECTORY_MODE });
    writeFileSync(join(issued, `${facts.serialHex}.crt`), certificatePem, { mode: 0o644 });
    const index = this.index();
    index.certificates[facts.serialHex] ??= {
      id: facts.identity.id,
      role: facts.identity.role,
      notBefore: facts.notBefore.toISOString(),
      notAfter: facts.notAfter.toISOString(),
      status: 'valid',
    };
    writePkiIndex(this.directory, index);
  }

  /** A PKI made before the index existed gets one from its current certificates. */
  private index(): PkiIndex {
    const existing = readPkiIndex(this.directory);
    if (existing) return existing;
    const certificates = Object.create(null) as Record<string, CertificateRecord>;
    for (const file of readdirSync(this.directory).filter(
      (name) => name.endsWith('.crt') && name !== `${CA_ID}.crt`,
    )) {
      const facts = inspectCertificatePem(this.read(file));
      if (facts.identity) {
        certificates[facts.serialHex] = {
          id: facts.identity.id,
          role: facts.identity.role,
          notBefore: facts.notBefore.toISOString(),
          notAfter: facts.notAfter.toISOString(),
          status: 'valid',
        };
      }
    }
    return { certificates, lastCrlNumber: 0 };
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
  const ca = createCertificateAuthority({ commonName: options.caCommonName ?? DEVELOPMENT_CA_COMMON_NAME });
  const store = PkiStore.create(directory, ca);
  for (const id of parties) {
    store.write(id, issueCertificate({ issuer: ca, subjectId: id, role: roleOfParty(id) }));
  }
  // An empty list from the start: a gateway that checks revocation has one to load.
  publishRevocationList(store);
  return store;
}

/** The parties by id with their role: `authorities` as `authority`, the others by roleOfParty. */
export function developmentParties(
  parties: readonly string[],
  authorities: readonly string[] = [],
): DevelopmentParty[] {
  return [
    ...parties.map((id) => ({ id: checkedId(id), role: roleOfParty(id) })),
    ...authorities.map((id) => ({ id: checkedId(id), role: 'authority' as const })),
  ];
}

/** True when the store's CA is the one initDevelopmentPki makes (not an imported CA). */
export function isDevelopmentPki(store: PkiStore): boolean {
  return new X509Certificate(store.caCertificatePem()).subject
    .split('\n')
    .includes(`CN=${DEVELOPMENT_CA_COMMON_NAME}`);
}

/**
 * Certifies every party of `parties` the store has no certificate for (key made here, kept 0600),
 * and returns those it issued. A development PKI made before a party existed (the judicial
 * authorities of issue 15) gets it on the next `pki init`, without deleting the folder; a party
 * already present keeps its certificate and key. Keys are made in parallel: `pki init` issues 45.
 */
export async function issueMissingParties(
  store: PkiStore,
  parties: readonly DevelopmentParty[],
): Promise<DevelopmentParty[]> {
  const missing = parties.filter(({ id }) => !store.has(id));
  if (missing.length === 0) return [];
  const ca = store.caCredential();
  const keys = await Promise.all(missing.map(() => generateRsaKeyPairAsync()));
  missing.forEach(({ id, role }, index) => {
    const { publicKeyPem, privateKeyPem } = keys[index];
    store.write(id, {
      ...issueCertificate({ issuer: ca, subjectId: id, role, publicKeyPem }),
      privateKeyPem,
    });
  });
  return missing;
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
