import { BadRequestException, Controller, Get, HttpCode, Inject, Param, Post, Res, UploadedFile, UseFilters, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { ServerResponse } from 'node:http';
import { SalesCsvError, parseSalesCsv, type SalesRow } from '#forecast';
import type { ForecastConfig } from './forecast.config';
import { FORECAST_CONFIG, RETRAIN_RUNS, SALES_UPLOADS } from './forecast.tokens';
import type { RetrainEvent, RetrainRun, RetrainRuns } from './retrain-runs';
import type { MergedUpload, SalesUploads } from './sales-uploads';
import { UploadTooLargeFilter } from './upload-too-large.filter';

/** The part of a multipart upload this controller reads (multer's memory storage). */
interface UploadedCsv {
  originalname: string;
  buffer: Buffer;
}

/**
 * Seed 001's CSV retraining: the file is validated whole (400 naming line and column, nothing
 * merged), merged into the sales data, then the model retrains while progress streams as
 * server-sent events.
 */
@Controller('retrain')
@UseFilters(UploadTooLargeFilter)
export class RetrainController {
  constructor(
    @Inject(RETRAIN_RUNS) private readonly runs: RetrainRuns,
    @Inject(SALES_UPLOADS) private readonly uploads: SalesUploads,
    @Inject(FORECAST_CONFIG) private readonly config: ForecastConfig,
  ) {}

  /** Seed 001's form: the response is the event stream of the run. */
  @Post()
  @UseInterceptors(FileInterceptor('file'))
  async retrainStreaming(@UploadedFile() file: UploadedCsv | undefined, @Res() res: ServerResponse): Promise<void> {
    const { run } = await this.accept(file);
    stream(run, res);
  }

  /** For pages and scripts that watch separately: 202 with the run's id and its events URL. */
  @Post('jobs')
  @HttpCode(202)
  @UseInterceptors(FileInterceptor('file'))
  async retrainInBackground(@UploadedFile() file: UploadedCsv | undefined): Promise<{ job_id: string; rows: number; products: number; events_url: string }> {
    const { run, merged } = await this.accept(file);
    return { job_id: run.id, rows: merged.rows, products: merged.products, events_url: `retrain/${run.id}/events` };
  }

  /** A run's events from its start, then live until it ends. */
  @Get(':id/events')
  events(@Param('id') id: string, @Res() res: ServerResponse): void {
    stream(this.runs.get(id), res);
  }

  private async accept(file: UploadedCsv | undefined): Promise<{ run: RetrainRun; merged: MergedUpload }> {
    if (!file) throw new BadRequestException('upload the CSV as the multipart field "file" (e.g. curl -F "file=@sales.csv" …/retrain)');
    const rows = this.parse(file);
    const run = this.runs.reserve();
    try {
      const merged = await this.uploads.merge(rows, run.id, Date.now());
      this.runs.start(run, `merged ${merged.rows} rows of ${merged.products} series (${merged.firstDate} to ${merged.lastDate}) from ${file.originalname}`);
      return { run, merged };
    } catch (err) {
      this.runs.release(run);
      throw err;
    }
  }

  private parse(file: UploadedCsv): SalesRow[] {
    const text = file.buffer.toString('utf8');
    if (text.includes('\u0000')) throw new BadRequestException({ message: `${file.originalname} is not a text CSV file`, problems: [{ line: 1, column: 'date', problem: 'the file contains binary data' }] });
    try {
      return parseSalesCsv(file.originalname, text, this.config.uploadMaxRows);
    } catch (err) {
      if (err instanceof SalesCsvError) throw new BadRequestException({ message: `${err.message} Nothing was merged.`, problems: err.problems });
      throw err;
    }
  }
}

function stream(run: RetrainRun, res: ServerResponse): void {
  res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' });
  res.write(`: retraining run ${run.id}\n\n`);
  const send = (e: RetrainEvent) => {
    res.write(`event: ${e.event}\ndata: ${JSON.stringify(e.data)}\n\n`);
    if (e.event !== 'progress') res.end();
  };
  const unsubscribe = run.subscribe(send);
  res.on('close', unsubscribe);
}
