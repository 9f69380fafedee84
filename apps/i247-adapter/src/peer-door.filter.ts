import { Catch, HttpException, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Logger } from '@pcms/logging';
import { APP_LOGGER } from '@pcms/runtime';
import { throwError, type Observable } from 'rxjs';

interface JsonResponse {
  headersSent: boolean;
  status(code: number): JsonResponse;
  json(body: unknown): void;
}

/**
 * Every HTTP answer of the peer's door is `{ code, reason }`, also where Nest refused before the
 * controller ran (a route the door does not have, a method it does not take): the framework's
 * own JSON carries no code the peer or an operator could look up.
 */
@Catch()
export class PeerDoorExceptionFilter implements ExceptionFilter {
  constructor(@Inject(APP_LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void | Observable<unknown> {
    // Queue handlers: the error goes on to the consumer's error policy (requeue or dead letter).
    if (host.getType() !== 'http') return throwError(() => exception);
    const res = host.switchToHttp().getResponse<JsonResponse>();
    if (res.headersSent) return;
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      res.status(status).json({ code: `HTTP_${status}`, reason: exception.message });
      return;
    }
    this.logger.error(
      { code: 'UNEXPECTED', error: exception instanceof Error ? exception.name : typeof exception },
      'peer door failed',
    );
    res.status(500).json({ code: 'UNEXPECTED', reason: 'internal error / erreur interne' });
  }
}
