import { postSignedDocument, type ClientTlsOptions } from '@pcms/signed-http';
import type { NoticeSender } from './delivery.queue';

export interface HttpsNoticeTarget {
  /** The peer's notices endpoint, e.g. `https://127.0.0.1:9443/notices`. */
  url: string;
  tls: ClientTlsOptions;
  timeoutMs: number;
}

/** The production sender: POSTs the notice and its detached signature over mutual TLS. */
export function httpsNoticeSender(target: HttpsNoticeTarget): NoticeSender {
  return ({ messageId, correlationId, noticeXml, signatureB64 }) =>
    postSignedDocument({
      url: target.url,
      body: Buffer.from(noticeXml, 'utf8'),
      contentType: 'application/xml',
      signatureDer: Buffer.from(signatureB64, 'base64'),
      messageId,
      correlationId,
      tls: target.tls,
      timeoutMs: target.timeoutMs,
    });
}
