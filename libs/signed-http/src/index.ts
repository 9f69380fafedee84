export type { ClientTlsOptions } from './pinned-tls';
export {
  postSignedDocument,
  type SignedDocumentRequest,
  type SignedDocumentResponse,
} from './signed-http.client';
export { fetchDigest, type DigestFetchRequest, type FetchedDigest } from './digest-fetch';
export { mutualTlsAgent, type KeptAliveTlsOptions } from './mutual-tls.agent';
export {
  clientIdentity,
  httpsServerOptions,
  type ClientIdentity,
  type MutualTlsServerOptions,
} from './signed-http.server';
export { SignedHttpError, SignedHttpErrorCode, type SignedHttpErrorDetails } from './signed-http.error';
export { SignedHttpHeader } from './signed-http.headers';
export { httpStatusOfTrustCode } from './http-status';
export {
  boundedRawBody,
  OVERSIZE_HEAD_BYTES,
  oversizeOf,
  type BoundedBodyRequest,
  type OversizeBody,
} from './bounded-body.reader';
