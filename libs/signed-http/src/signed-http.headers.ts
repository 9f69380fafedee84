/** Header names of the HTTPS wire format (docs/architecture.md, "Wire formats"); lower case as node exposes them. */
export const SignedHttpHeader = {
  /** Base64 of the detached CMS SignedData (DER) over the exact body bytes. */
  SIGNATURE: 'x-pcms-signature',
  /** The message id: the destination's idempotency key. */
  MESSAGE_ID: 'x-pcms-message-id',
  CORRELATION_ID: 'x-pcms-correlation-id',
} as const;
