// `npm start` (the demo profile, autoInitPki) gives the console's demo readers a certificate and a
// PKCS#12 file a browser imports: an operator who acts and a viewer who reads.
import { issuePartyCertificate, type PartyRole, type PkiStore } from '@pcms/trust';
import forge from 'node-forge';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const DEMO_READERS: readonly { id: string; role: PartyRole }[] = [
  { id: 'CONSOLE-OPERATOR', role: 'operator' },
  { id: 'CONSOLE-VIEWER', role: 'viewer' },
];

/** A demo's password: the file sits beside the keys (mode 0600), the password only eases the import. */
export const DEMO_P12_PASSWORD = 'pcms-demo';

export interface DemoReaderFile {
  readonly id: string;
  readonly role: PartyRole;
  readonly file: string;
}

/**
 * Issues the demo readers missing from the PKI, then writes `<pki>/console/<id>.p12` for each
 * operator and viewer whose key the PKI holds (key, certificate, CA; mode 0600).
 */
export function writeDemoReaderFiles(store: PkiStore, pkiDirectory: string): DemoReaderFile[] {
  for (const reader of DEMO_READERS) {
    if (!store.has(reader.id)) issuePartyCertificate(store, reader);
  }
  const folder = join(pkiDirectory, 'console');
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const ca = forge.pki.certificateFromPem(store.caCertificatePem());
  const files: DemoReaderFile[] = [];
  const people = new Map<string, PartyRole>();
  for (const record of Object.values(store.certificates())) {
    if ((record.role === 'operator' || record.role === 'viewer') && record.status !== 'revoked') {
      people.set(record.id, record.role);
    }
  }
  for (const [id, role] of people) {
    const credential = credentialOf(store, id);
    if (!credential?.privateKeyPem) continue;
    const p12 = forge.pkcs12.toPkcs12Asn1(
      forge.pki.privateKeyFromPem(credential.privateKeyPem),
      [forge.pki.certificateFromPem(credential.certificatePem), ca],
      DEMO_P12_PASSWORD,
      // 3DES: what every browser's importer still reads.
      { algorithm: '3des', friendlyName: `${id} (PCMS ${role})` },
    );
    const file = join(folder, `${id}.p12`);
    writeFileSync(file, Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'), { mode: 0o600 });
    chmodSync(file, 0o600);
    files.push({ id, role, file });
  }
  return files;
}

/**
 * What `npm start` prints: the console's URL, how to import a PKCS#12 file into a browser and trust
 * the CA, in English and French, and the file of each demo reader.
 */
export function demoAccessInstructions(url: string, pkiDirectory: string, files: readonly DemoReaderFile[]): string[] {
  return [
    `Operations console / console d’exploitation: ${url}`,
    'EN: import one of these PKCS#12 files into your browser (Chromium: Settings > Privacy and security > Security >',
    `    Manage certificates > Your certificates > Import; Firefox: Settings > Certificates > Your Certificates > Import), password "${DEMO_P12_PASSWORD}",`,
    `    and import ${pkiDirectory}/ca.crt as an authority trusted for websites; then open the URL and choose the certificate.`,
    'FR : importez un de ces fichiers PKCS#12 dans le navigateur (Chromium : Paramètres > Confidentialité et sécurité > Sécurité >',
    `    Gérer les certificats > Vos certificats > Importer ; Firefox : Paramètres > Certificats > Vos certificats > Importer), mot de passe « ${DEMO_P12_PASSWORD} »,`,
    `    et importez ${pkiDirectory}/ca.crt comme autorité de confiance pour les sites ; ouvrez l’URL et choisissez le certificat.`,
    ...files.map((file) => `  ${file.role.padEnd(8)} ${file.id.padEnd(18)} ${file.file}`),
  ];
}

/** Undefined when the PKI holds the certificate without its key (issued from a request). */
function credentialOf(store: PkiStore, id: string): ReturnType<PkiStore['credential']> | undefined {
  try {
    return store.credential(id);
  } catch {
    return undefined;
  }
}
