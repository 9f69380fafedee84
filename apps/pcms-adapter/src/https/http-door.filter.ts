import { Catch, HttpException, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Logger } from '@pcms/logging';
import { SubmissionRejectionCode } from '@pcms/pipeline';
import { APP_LOGGER } from '@pcms/runtime';
import { throwError, type Observable } from 'rxjs';
import type { JsonResponse } from './platform-door.http';

/**
 * Every HTTP answer of the pcms-adapter is `{ code, reason }`, also where Nest or the body
 * parser refused before a controller ran (oversize body, unknown route).
 */
@Catch()
export class HttpDoorExceptionFilter implements ExceptionFilter {
  constructor(@Inject(APP_LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void | Observable<unknown> {
    // Queue handlers: the original error goes on to the consumer's error policy (see
    // RpcErrorPassThroughFilter in @pcms/runtime), which decides requeue or dead letter by its code.
    if (host.getType() !== 'http') return throwError(() => exception);
    const res = host.switchToHttp().getResponse<JsonResponse>();
    if (res.headersSent) return;
    const { status, code, reason } = describe(exception);
    if (status >= 500) {
      this.logger.error(
        { code, error: exception instanceof Error ? exception.name : typeof exception },
        reason,
      );
    }
    res.status(status).json({ code, reason });
  }
}

function describe(exception: unknown): { status: number; code: string; reason: string } {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    // Nest turns the body parser's refusal of an oversize body into a 413 before any controller.
    if (status === 413) {
      return {
        status,
        code: SubmissionRejectionCode.TOO_LARGE,
        reason: 'the body exceeds limits.maxMessageBytes',
      };
    }
    return { status, code: `HTTP_${status}`, reason: exception.message };
  }
  return { status: 500, code: 'UNEXPECTED', reason: 'internal error / erreur interne' };
}
