import { Catch, HttpException, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { loggerFor } from '#telemetry';

type ErrorClass = abstract new (...args: never[]) => Error;

/**
 * Answers every HTTP error as `{ statusCode, error }`: Nest's HttpExceptions as they are, the
 * service's domain errors by the status given for their class, anything else as a 500 that
 * points at the log (and is logged with its stack).
 */
@Catch()
export class HttpErrorsFilter implements ExceptionFilter {
  private readonly log = loggerFor(HttpErrorsFilter.name);

  constructor(private readonly statusOf: [ErrorClass, number][] = []) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>();
    const [status, message] = this.classify(exception);
    if (status >= 500) this.log.error({ err: exception }, 'request failed');
    res.status(status).json({ statusCode: status, error: message, ...detailsOf(exception) });
  }

  private classify(exception: unknown): [number, string] {
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      const message = typeof body === 'string' ? body : ((body as { message?: string | string[] }).message ?? exception.message);
      return [exception.getStatus(), Array.isArray(message) ? message.join('; ') : message];
    }
    const mapped = this.statusOf.find(([type]) => exception instanceof type);
    if (mapped && exception instanceof Error) return [mapped[1], exception.message];
    return [HttpStatus.INTERNAL_SERVER_ERROR, 'Internal error; see the service log'];
  }
}

/** What an error adds to its message for the caller, e.g. `problems` of a rejected file. */
function detailsOf(exception: unknown): Record<string, unknown> {
  const body = exception instanceof HttpException ? exception.getResponse() : null;
  if (body === null || typeof body !== 'object') return {};
  const { message: _message, statusCode: _statusCode, error: _error, ...details } = body as Record<string, unknown>;
  return details;
}
