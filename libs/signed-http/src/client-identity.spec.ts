// clientIdentity reads the authenticated client certificate of each request. Reading a certificate
// (X.509 and the PCMS subject) cost about 1.5 ms of CPU, twice per notice at the gateway's peer
// door: the identity is now kept per certificate, so that a kept-alive connection pays it once.
import type { IncomingMessage } from 'node:http';
import { X509Certificate } from 'node:crypto';
import { createCertificateAuthority, issueCertificate, type Credential } from '@pcms/trust';
import { SignedHttpError, SignedHttpErrorCode } from './signed-http.error';
import { clientIdentity } from './signed-http.server';

const pemToDer = (pem: string): Buffer => new X509Certificate(pem).raw;

/** A request as node's https server hands it over once the handshake authenticated `credential`. */
function requestFrom(credential: Credential | undefined, authorized = true): IncomingMessage {
  const raw = credential ? pemToDer(credential.certificatePem) : undefined;
  const socket = { authorized, getPeerCertificate: () => (raw ? { raw } : {}) };
  return { socket } as unknown as IncomingMessage;
}

describe(clientIdentity.name, () => {
  const ca = createCertificateAuthority({ commonName: 'Test CA' });
  const peer = issueCertificate({ issuer: ca, subjectId: 'I247-PEER', role: 'peer' });
  const platform = issueCertificate({ issuer: ca, subjectId: 'NP-ML', role: 'platform' });

  it('names the party and role of the certificate, with the certificate itself', () => {
    const sut = clientIdentity(requestFrom(peer));
    expect(sut).toEqual({
      id: 'I247-PEER',
      role: 'peer',
      certificatePem: expect.stringContaining('BEGIN CERTIFICATE'),
    });
    expect(pemToDer(sut.certificatePem)).toEqual(pemToDer(peer.certificatePem));
  });

  it('reads a certificate once: the same certificate again gives the identity already read', () => {
    const first = clientIdentity(requestFrom(peer));
    expect(clientIdentity(requestFrom(peer))).toBe(first);
  });

  it('keeps identities apart per certificate, and none can be altered by a caller', () => {
    const peerIdentity = clientIdentity(requestFrom(peer));
    const platformIdentity = clientIdentity(requestFrom(platform));
    expect([peerIdentity.id, platformIdentity.id]).toEqual(['I247-PEER', 'NP-ML']);
    expect(() => {
      (peerIdentity as { id: string }).id = 'NP-ML';
    }).toThrow(TypeError);
    expect(clientIdentity(requestFrom(peer)).id).toBe('I247-PEER');
  });

  it('still refuses a connection the handshake did not authenticate, or without a certificate', () => {
    const refusal = (req: IncomingMessage) => {
      try {
        clientIdentity(req);
      } catch (error: unknown) {
        return error instanceof SignedHttpError ? error.code : error;
      }
      return 'accepted';
    };
    expect(refusal(requestFrom(peer, false))).toBe(SignedHttpErrorCode.HTTP_CLIENT_IDENTITY);
    expect(refusal(requestFrom(undefined))).toBe(SignedHttpErrorCode.HTTP_CLIENT_IDENTITY);
  });
});
