export enum PeerErrorCode {
  /** No `X-PCMS-Message-Id`, or one that yields no file name. */
  PEER_MESSAGE_ID_INVALID = 'PEER_MESSAGE_ID_INVALID',
  /** The request carried no notice. */
  PEER_BODY_EMPTY = 'PEER_BODY_EMPTY',
  /** The client certificate is not the gateway's. */
  PEER_CLIENT_NOT_ALLOWED = 'PEER_CLIENT_NOT_ALLOWED',
}

export class PeerError extends Error {
  override readonly name = 'PeerError';

  constructor(
    readonly code: PeerErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
