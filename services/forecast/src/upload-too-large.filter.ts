import { Catch, Inject, Injectable, PayloadTooLargeException, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { ForecastConfig } from './forecast.config';
import { FORECAST_CONFIG } from './forecast.tokens';

/** Multer's "File too large", said with the limit and the setting that raises it. */
@Catch(PayloadTooLargeException)
@Injectable()
export class UploadTooLargeFilter implements ExceptionFilter {
  constructor(@Inject(FORECAST_CONFIG) private readonly config: ForecastConfig) {}

  catch(_exception: PayloadTooLargeException, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>();
    const bytes = this.config.uploadMaxBytes;
    const limit = bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.round(bytes / 1024)} KB`;
    res.status(413).json({ statusCode: 413, error: `the CSV is larger than the ${limit} limit (FORECAST_UPLOAD_MAX_BYTES); split it into smaller files. Nothing was merged.` });
  }
}
