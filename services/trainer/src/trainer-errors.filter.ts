import { Catch, HttpException, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { UnknownVersionError } from '#models';
import { loggerFor } from '#telemetry';
import { JobBusyError, UnknownJobError } from '#training';

/** Domain errors as HTTP answers: unknown job or version → 404, a run in progress → 409. */
@Catch()
export class TrainerErrorsFilter implements ExceptionFilter {
  private readonly log = loggerFor(TrainerErrorsFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>();
    const [status, message] = this.classify(exception);
    if (status >= 500) this.log.error({ err: exception }, 'request failed');
    res.status(status).json({ statusCode: status, error: message });
  }

  private classify(exception: unknown): [number, string] {
    if (exception instanceof HttpException) {
      const body = exception.getResponse();
      const message = typeof body === 'string' ? body : ((body as { message?: string | string[] }).message ?? exception.message);
      return [exception.getStatus(), Array.isArray(message) ? message.join('; ') : message];
    }
    if (exception instanceof UnknownJobError || exception instanceof UnknownVersionError) return [HttpStatus.NOT_FOUND, exception.message];
    if (exception instanceof JobBusyError) return [HttpStatus.CONFLICT, exception.message];
    return [HttpStatus.INTERNAL_SERVER_ERROR, 'Internal error; see the trainer log'];
  }
}
