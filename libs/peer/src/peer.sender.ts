import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { LoadedConfig } from '@pcms/config';
import type { Agent } from 'node:https';
import { mutualTlsAgent, postSignedDocument, type SignedDocumentResponse } from '@pcms/signed-http';
import { CmsSigner, PkiStore, type Credential } from '@pcms/trust';

export const PEER_ID = 'I247-PEER';

export interface PeerSenderOptions {
  /** The peer's own credential: it signs the notices and authenticates the TLS connection. */
  credential: Credential;
  caPem: string;
  /** The gateway's inbound notices endpoint. */
  gatewayUrl: string;
  /** The identity the gateway's certificate must name. */
  gatewayId?: string;
  timeoutMs: number;
}

/**
 * The peer's outgoing side: signs notices as I247-PEER and posts them to the gateway, on
 * connections kept alive between notices (one TLS handshake, not one per notice). The credential
 * is read once: a renewed one takes a new sender. `close()` ends the connections.
 */
export class PeerSender {
  private readonly signer: CmsSigner;
  private readonly agent: Agent;

  constructor(private readonly options: PeerSenderOptions) {
    this.signer = new CmsSigner(options.credential);
    this.agent = mutualTlsAgent({
      certificatePem: options.credential.certificatePem,
      privateKeyPem: options.credential.privateKeyPem,
      caPem: options.caPem,
    });
  }

  static fromConfig(config: LoadedConfig): PeerSender {
    const pki = PkiStore.open(config.paths.pki);
    return new PeerSender({
      credential: pki.credential(PEER_ID),
      caPem: pki.caCertificatePem(),
      gatewayUrl: config.peer.gatewayUrl,
      timeoutMs: config.i247Adapter.delivery.timeoutMs,
    });
  }

  /** Signs exactly `xml` (detached CMS) and posts it; rejects with a SignedHttpError. */
  send(xml: Buffer, messageId: string, correlationId?: string): Promise<SignedDocumentResponse> {
    return postSignedDocument({
      url: this.options.gatewayUrl,
      body: xml,
      contentType: 'application/xml',
      signatureDer: this.signer.sign(xml),
      messageId,
      correlationId,
      tls: {
        certificatePem: this.options.credential.certificatePem,
        privateKeyPem: this.options.credential.privateKeyPem,
        caPem: this.options.caPem,
        expectedServerId: this.options.gatewayId ?? 'GATEWAY',
      },
      timeoutMs: this.options.timeoutMs,
      agent: this.agent,
    });
  }

  close(): void {
    this.agent.destroy();
  }

  /** Sends a notice file's bytes as they are; the message id defaults to the file's name. */
  async sendFile(path: string, messageId = basename(path, extname(path))): Promise<SignedDocumentResponse> {
    return this.send(await readFile(path), messageId);
  }
}
