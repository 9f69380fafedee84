export enum DeadLettersErrorCode {
  /** No dead letter with this message id is in the dead-letter queue (or it is being read elsewhere). */
  DEAD_LETTER_NOT_FOUND = 'DEAD_LETTER_NOT_FOUND',
  /** It came through a door that is not a queue (HTTPS): only its sender can send it again. */
  NOT_REPLAYABLE = 'NOT_REPLAYABLE',
  /** Its original queue is not in the topology catalogue: there is no route to send it back to. */
  ORIGIN_UNKNOWN = 'ORIGIN_UNKNOWN',
  /** A delivery dead letter whose job is still queued or already delivered: replaying it would send it twice. */
  DELIVERY_NOT_REQUEUED = 'DELIVERY_NOT_REQUEUED',
  /** A delivery dead letter without its signature header: the notice cannot be re-sent as signed. */
  DELIVERY_INCOMPLETE = 'DELIVERY_INCOMPLETE',
}

function describe(code: DeadLettersErrorCode): string {
  switch (code) {
    case DeadLettersErrorCode.DEAD_LETTER_NOT_FOUND:
      return 'no such dead letter / aucune lettre morte de cet identifiant';
    case DeadLettersErrorCode.NOT_REPLAYABLE:
      return 'not replayable from the CLI: it did not come from a queue / non rejouable depuis la CLI : il n’est pas venu d’une file';
    case DeadLettersErrorCode.ORIGIN_UNKNOWN:
      return 'its original queue is unknown to the topology / sa file d’origine est inconnue de la topologie';
    case DeadLettersErrorCode.DELIVERY_NOT_REQUEUED:
      return 'the delivery job is still queued or was delivered / la livraison est encore en file ou déjà faite';
    case DeadLettersErrorCode.DELIVERY_INCOMPLETE:
      return 'the delivery dead letter lacks its signature / la lettre morte de livraison n’a pas sa signature';
  }
}

export class DeadLettersError extends Error {
  override readonly name = 'DeadLettersError';

  constructor(
    readonly code: DeadLettersErrorCode,
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${describe(code)} (${detail})`, options);
  }
}
