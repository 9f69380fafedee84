// The judicial door's AttachmentFetch on the network: a GET over mutual TLS with the gateway's
// certificate (the authority's system knows who asks), the server's identity pinned, the bytes
// hashed as they come and bounded in size and time (judicialAdapter.attachments).
import { fetchDigest, mutualTlsAgent } from '@pcms/signed-http';
import type { AttachmentFetch } from './judicial-door.attachments';

export interface JudicialAttachmentFetcherOptions {
  /** The gateway's credential (TLS client) and our CA (the only one trusted for the server). */
  certificatePem: string;
  privateKeyPem: string;
  caPem: string;
  maxBytes: number;
  timeoutMs: number;
}

/** One pool of kept-alive connections; `close()` on shutdown. */
export function judicialAttachmentFetcher(
  options: JudicialAttachmentFetcherOptions,
): AttachmentFetch & { close(): void } {
  const credential = {
    certificatePem: options.certificatePem,
    privateKeyPem: options.privateKeyPem,
    caPem: options.caPem,
  };
  const agent = mutualTlsAgent(credential, { maxSockets: 4, maxFreeSockets: 4 });
  const fetch: AttachmentFetch = (url, serverId) =>
    fetchDigest({
      url,
      tls: { ...credential, expectedServerId: serverId },
      timeoutMs: options.timeoutMs,
      maxBytes: options.maxBytes,
      agent,
    });
  return Object.assign(fetch, { close: () => agent.destroy() });
}
