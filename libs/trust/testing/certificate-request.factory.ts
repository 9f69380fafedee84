import forge from 'node-forge';
import { generateRsaKeyPair, RsaKeyPair } from '@pcms/trust';

export interface TestRequestOptions {
  commonName: string;
  organizationalUnit?: string;
  keyPair?: RsaKeyPair;
}

/**
 * A PKCS#10 request as a platform would send it (`CN=<id>, OU=<role>, O=PCMS`), self-signed with
 * its key. Signing here runs in forge's JavaScript RSA: slow, but tests make only a few.
 */
export function createTestCertificateRequest(options: TestRequestOptions): {
  requestPem: string;
  privateKeyPem: string;
} {
  const keys = options.keyPair ?? generateRsaKeyPair();
  const request = forge.pki.createCertificationRequest();
  request.publicKey = forge.pki.publicKeyFromPem(keys.publicKeyPem);
  request.setSubject([
    { shortName: 'CN', value: options.commonName },
    ...(options.organizationalUnit ? [{ shortName: 'OU', value: options.organizationalUnit }] : []),
    { shortName: 'O', value: 'PCMS' },
  ]);
  request.sign(forge.pki.privateKeyFromPem(keys.privateKeyPem), forge.md.sha256.create());
  return { requestPem: forge.pki.certificationRequestToPem(request), privateKeyPem: keys.privateKeyPem };
}

/** The same request with one bit of its signature flipped: the proof of possession fails. */
export function withBrokenSignature(requestPem: string): string {
  const der = Buffer.from(forge.pem.decode(requestPem)[0].body, 'binary');
  der[der.length - 1] ^= 0x01;
  return forge.pem.encode({ type: 'CERTIFICATE REQUEST', body: der.toString('binary') });
}
