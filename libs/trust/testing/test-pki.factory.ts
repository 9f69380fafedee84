import { X509Certificate } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Credential,
  createCertificateAuthority,
  DEVELOPMENT_PARTIES,
  issueCertificate,
  PkiStore,
  publishRevocationList,
  roleOfParty,
} from '@pcms/trust';

export const TEST_PLATFORM_IDS = ['NP-BF', 'NP-TD', 'NP-ML', 'NP-MR', 'NP-NE', 'RP'] as const;
export type TestPlatformId = (typeof TEST_PLATFORM_IDS)[number];

export interface TestPki {
  ca: Credential;
  platforms: Record<TestPlatformId, Credential>;
  gateway: Credential;
  peer: Credential;
  /** NP-ML's key, certified by the CA with a validity that ended a year ago. */
  expired: Credential;
  /** NP-ML's key, certified by the CA from a year from now. */
  notYetValid: Credential;
  /** NP-ML, issued by `foreignCa`: its identity is right, its chain is not. */
  wrongIssuer: Credential;
  /** NP-ML's key, certified by the CA for keyEncipherment only. */
  wrongKeyUsage: Credential;
  foreignCa: Credential;
  /** Any party of the development layout by id: a platform, GATEWAY, I247-PEER or JUDICIAL-PEER. */
  credential(id: string): Credential;
  /**
   * A judicial authority of the directory (role `authority`, CN = `id`), issued on first use and
   * kept for the process: a test makes only the few it needs.
   */
  authority(id: string): Credential;
}

const YEAR_MS = 365 * 24 * 60 * 60 * 1000;
let memo: TestPki | undefined;

/**
 * The test PKI, built once per process (RSA key generation dominates its cost). Bad cases reuse
 * NP-ML's key pair so that they differ from the good certificate in one respect only.
 */
export function createTestPki(): TestPki {
  memo ??= buildTestPki();
  return memo;
}

/**
 * Writes the test PKI in PkiStore layout (ca.crt, ca.key, <id>.crt, <id>.key, index.json, an
 * empty crl.pem) to a new temporary folder, or to `directory`. Removing it is the caller's business.
 */
export function writeTestPki(
  directory = mkdtempSync(join(tmpdir(), 'pcms-pki-')),
  options: { authorities?: readonly string[]; parties?: readonly string[] } = {},
): {
  directory: string;
  store: PkiStore;
  pki: TestPki;
} {
  const pki = createTestPki();
  const store = PkiStore.create(directory, pki.ca);
  for (const id of DEVELOPMENT_PARTIES) store.write(id, pki.credential(id));
  for (const id of options.parties ?? []) store.write(id, pki.credential(id));
  for (const id of options.authorities ?? []) store.write(id, pki.authority(id));
  publishRevocationList(store);
  return { directory, store, pki };
}

function buildTestPki(): TestPki {
  const ca = createCertificateAuthority({ commonName: 'PCMS Test CA' });
  const foreignCa = createCertificateAuthority({ commonName: 'Foreign Test CA' });
  const issue = (id: string): Credential =>
    issueCertificate({ issuer: ca, subjectId: id, role: roleOfParty(id) });
  const platforms = Object.fromEntries(TEST_PLATFORM_IDS.map((id) => [id, issue(id)])) as Record<
    TestPlatformId,
    Credential
  >;
  const npMl = platforms['NP-ML'];
  const publicKeyPem = publicKeyOf(npMl);
  const reissue = (overrides: Partial<Parameters<typeof issueCertificate>[0]>): Credential => ({
    ...issueCertificate({ issuer: ca, subjectId: 'NP-ML', role: 'platform', publicKeyPem, ...overrides }),
    privateKeyPem: npMl.privateKeyPem,
  });
  const now = Date.now();
  const authorities = new Map<string, Credential>();
  const byId: Record<string, Credential> = {
    ...platforms,
    GATEWAY: issue('GATEWAY'),
    'I247-PEER': issue('I247-PEER'),
  };
  return {
    ca,
    platforms,
    gateway: byId.GATEWAY,
    peer: byId['I247-PEER'],
    expired: reissue({ notBefore: new Date(now - 2 * YEAR_MS), notAfter: new Date(now - YEAR_MS) }),
    notYetValid: reissue({ notBefore: new Date(now + YEAR_MS), validityDays: 365 }),
    wrongIssuer: reissue({ issuer: foreignCa }),
    wrongKeyUsage: reissue({ keyUsage: { keyEncipherment: true } }),
    foreignCa,
    credential(id: string): Credential {
      // The judicial peer's certificate, made only when a test asks for it.
      if (id === 'JUDICIAL-PEER') byId[id] ??= issue(id);
      const credential = byId[id];
      if (!credential) throw new Error(`The test PKI has no party ${id}`);
      return credential;
    },
    authority(id: string): Credential {
      let credential = authorities.get(id);
      if (!credential) {
        credential = issueCertificate({ issuer: ca, subjectId: id, role: 'authority' });
        authorities.set(id, credential);
      }
      return credential;
    },
  };
}

function publicKeyOf(credential: Credential): string {
  return new X509Certificate(credential.certificatePem).publicKey
    .export({ type: 'spki', format: 'pem' })
    .toString();
}
