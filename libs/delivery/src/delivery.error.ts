export enum DeliveryErrorCode {
  /** The sender threw something that is not a coded transport error. */
  DELIVERY_FAILED = 'DELIVERY_FAILED',
  /** The job in Redis is not a notice delivery job (corrupted, or written by another version). */
  DELIVERY_JOB_INVALID = 'DELIVERY_JOB_INVALID',
}

export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';

  constructor(
    readonly code: DeliveryErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
