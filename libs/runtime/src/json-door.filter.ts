import { HttpException, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Logger } from '@pcms/logging';
import { throwError, type Observable } from 'rxjs';
import { GATEWAY_UNAVAILABLE, isInfrastructureError, RETRY_AFTER_SECONDS } from './door-availability';
import { APP_LOGGER } from './runtime.tokens';

/** What a door answers for an error: the HTTP status and the `{ code, reason }` body. */
export interface DoorErrorAnswer {
  status: number;
  code: string;
  reason: string;
  /** Seconds before the client may send again: set on a 503, the request may be repeated as is. */
  retryAfterSeconds?: number;
}

/** The part of Express's response the filter uses. */
interface JsonResponse {
  headersSent: boolean;
  status(code: number): JsonResponse;
  setHeader(name: string, value: string): void;
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
    const { status, code, reason, retryAfterSeconds } = this.describe(exception);
    if (status >= 500) {
      this.logger.error(
        { code, error: exception instanceof Error ? exception.name : typeof exception },
        reason,
      );
    }
    if (retryAfterSeconds !== undefined) res.setHeader('Retry-After', String(retryAfterSeconds));
    res.status(status).json({ code, reason });
  }

  /**
   * Nest's refusals as `HTTP_<status>`; a store or the broker unreachable, blocked or too slow as
   * 503 GATEWAY_UNAVAILABLE with Retry-After (the request was not taken, the same bytes may come
   * again); anything else is ours and unexpected.
   */
  protected describe(exception: unknown): DoorErrorAnswer {
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      return { status, code: `HTTP_${status}`, reason: exception.message };
    }
    if (isInfrastructureError(exception)) {
      return {
        status: 503,
        code: GATEWAY_UNAVAILABLE,
        reason: `${exception instanceof Error ? exception.name : 'error'}: the gateway cannot take the request now; retry later / la passerelle ne peut pas prendre la requête maintenant ; réessayez plus tard`,
        retryAfterSeconds: RETRY_AFTER_SECONDS,
      };
    }
    return { status: 500, code: 'UNEXPECTED', reason: 'internal error / erreur interne' };
  }
}
