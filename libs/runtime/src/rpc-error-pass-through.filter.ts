import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

/**
 * Nest's default RPC exception handling replaces whatever a queue handler throws with
 * `{ status: 'error', message: 'Internal server error' }`, so the consumer's error policy would
 * never see the real error: a broker hiccup would be dead-lettered instead of requeued, and a coded
 * error would lose its code. This filter hands the original error on to `AmqpTransport`.
 *
 * Bound on each queue controller with `@UseFilters(RpcErrorPassThroughFilter)`: a controller-scoped
 * filter is part of the handler when Nest builds it, whatever the app's start-up order, and it never
 * touches the HTTP doors of the same app.
 */
@Catch()
export class RpcErrorPassThroughFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
