import { HttpException, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Logger } from '@pcms/logging';
import { throwError, type Observable } from 'rxjs';
import { APP_LOGGER } from './runtime.tokens';

/** What a door answers for an error: the HTTP status and the `{ code, reason }` body. */
export interface DoorErrorAnswer {
  status: number;
  code: string;
  reason: string;
}

/** The part of Express's response the filter uses. */
interface JsonResponse {
  headersSent: boolean;
  status(code: number): JsonResponse;
  json(body: unknown): void;
}

/**
 * Every HTTP answer of a door (the platforms' door of the pcms-adapter, the peer's door of the
 * i247-adapter) is `{ code, reason }`, also where Nest refused before a controller ran (a route the
 * door does not have, a method it does not take): the framework's own JSON carries no code a client
 * or an operator could look up. A door whose framework refusals mean more (an oversize body) says
 * so in `describe`; the app binds its subclass with `@Catch()` as APP_FILTER.
 */
export abstract class JsonDoorExceptionFilter implements ExceptionFilter {
  constructor(@Inject(APP_LOGGER) private readonly logger: Logger) {}

  catch(exception: unknown, host: ArgumentsHost): void | Observable<unknown> {
    // Queue handlers: the original error goes on to the consumer's error policy (see
    // RpcErrorPassThroughFilter), which decides requeue or dead letter by its code.
    if (host.getType() !== 'http') return throwError(() => exception);
    const res = host.switchToHttp().getResponse<JsonResponse>();
    if (res.headersSent) return;
    const { status, code, reason } = this.describe(exception);
    if (status >= 500) {
      this.logger.error(
        { code, error: exception instanceof Error ? exception.name : typeof exception },
        reason,
      );
    }
    res.status(status).json({ code, reason });
  }

  /** Nest's refusals as `HTTP_<status>`; anything else is ours and unexpected. */
  protected describe(exception: unknown): DoorErrorAnswer {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return { status, code: `HTTP_${status}`, reason: exception.message };
    }
    return { status: 500, code: 'UNEXPECTED', reason: 'internal error / erreur interne' };
  }
}
