import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { throwError, type Observable } from 'rxjs';

/**
 * Nest's default RPC exception filter turns any error into `{ status: 'error', message }`, which
 * loses whether it is retriable and why. Stream handlers' errors must reach the transport as they
 * were thrown: it retries, dead-letters or stops on them.
 */
@Catch()
export class KeepErrorsFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
