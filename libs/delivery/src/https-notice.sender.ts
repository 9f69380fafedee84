import {
  mutualTlsAgent,
  postSignedDocument,
  type ClientTlsOptions,
  type KeptAliveTlsOptions,
} from '@pcms/signed-http';
import type { NoticeSender } from './delivery.queue';

export interface HttpsNoticeTarget {
  /** The peer's notices endpoint, e.g. `https://127.0.0.1:9443/notices`. */
  url: string;
  tls: ClientTlsOptions;
  timeoutMs: number;
  pool?: KeptAliveTlsOptions;
}

/** A sender that holds connections open: `close()` ends them so that the process can exit. */
export type ClosableNoticeSender = NoticeSender & { close(): void };

/**
 * The production sender: POSTs the notice and its detached signature over mutual TLS, on
 * connections kept alive between notices. The credential is read once, when the sender is made:
 * a renewed certificate takes a new sender (today, a restart of the process).
 */
export function httpsNoticeSender(target: HttpsNoticeTarget): ClosableNoticeSender {
  const agent = mutualTlsAgent(target.tls, target.pool);
  const send: NoticeSender = ({ messageId, correlationId, noticeXml, signatureB64 }) =>
    postSignedDocument({
      url: target.url,
      body: Buffer.from(noticeXml, 'utf8'),
      contentType: 'application/xml',
      signatureDer: Buffer.from(signatureB64, 'base64'),
      messageId,
      correlationId,
      tls: target.tls,
      timeoutMs: target.timeoutMs,
      agent,
      // Only the status: the receipt is logged and journaled, the peer's answer is not.
    }).then(({ status }) => ({ status }));
  return Object.assign(send, { close: () => agent.destroy() });
}
