import { isGatewayCodedError, type GatewayCodedError } from './gateway-error-codes';

/** The stages a message passes; the name travels with every rejection into the dead-letter queue. */
export type StageName =
  'size' | 'verify' | 'validate' | 'identity' | 'freshness' | 'dedupe' | 'route' | 'map' | 'sign' | 'deliver';

export const UNEXPECTED = 'UNEXPECTED';

/** A message refused at a stage, with the code of the rule or library that refused it. */
export class PipelineRejection extends Error {
  override readonly name = 'PipelineRejection';

  constructor(
    readonly code: string,
    readonly stage: StageName,
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${stage}: ${code}: ${reason}`, options);
  }
}

export interface Stage<C> {
  name: StageName;
  run(context: C): void | Promise<void>;
}

/**
 * Runs the stages in order. Our libraries throw errors with a code from their catalogue
 * (TrustError, EnvelopeError, NoticeError, MappingError…): each is a verdict on the message and
 * becomes a rejection at the stage that met it. Anything else (Redis or the database gone for a
 * moment, a timeout, a bug) says nothing about the message: it is thrown on untouched, so that
 * the consumer retries the message instead of refusing it (issue 12).
 */
export async function runStages<C>(stages: readonly Stage<C>[], context: C): Promise<C> {
  for (const stage of stages) {
    try {
      await stage.run(context);
    } catch (error: unknown) {
      if (error instanceof PipelineRejection || isGatewayCodedError(error))
        throw toRejection(error, stage.name);
      throw error;
    }
  }
  return context;
}

export function toRejection(error: unknown, stage: StageName): PipelineRejection {
  if (error instanceof PipelineRejection) return error;
  if (isGatewayCodedError(error)) {
    // A facade wraps the error that knows best (TranslationError around NoticeError): the
    // innermost of OUR codes names the reason most precisely; a platform error under it (Node's
    // TypeError of a fatal TextDecoder) stays the cause, never the code. Messages read outermost first.
    let innermost: GatewayCodedError = error;
    const reasons = [error.message];
    while (isGatewayCodedError(innermost.cause)) {
      innermost = innermost.cause;
      reasons.push(innermost.message);
    }
    return new PipelineRejection(innermost.code, stage, reasons.join(': '), { cause: error });
  }
  const reason = error instanceof Error ? error.message : 'a non-error value was thrown';
  return new PipelineRejection(UNEXPECTED, stage, reason, { cause: error });
}
