/** npm run generate -- --help : synthetic shop traffic to the real topics. */
import { writeFileSync } from 'node:fs';
import { allTopics, contractByName, prefixed } from '#contracts';
import { loadPlatformConfig } from '#config';
import { AvroRegistryCodec, StreamProducer, createKafka, ensureTopics, registerSchemas } from '#kafka';
import { configureLogging } from '#telemetry';
import { DAY_MS, createTraffic, type TrafficEvent } from '../src';
import { USAGE, UsageError, parseGenerateOptions, type GenerateOptions } from './generate-options';

const say = (message: string) => process.stderr.write(`[generate] ${message}\n`);

class TopicWriter {
  private readonly pending = new Map<string, unknown[]>();
  produced = 0;

  constructor(
    private readonly producer: StreamProducer,
    private readonly prefix: string,
  ) {}

  add(events: readonly TrafficEvent[]): void {
    for (const e of events) {
      let values = this.pending.get(e.topic);
      if (!values) this.pending.set(e.topic, (values = []));
      values.push(e.value);
    }
  }

  get buffered(): number {
    let n = 0;
    for (const values of this.pending.values()) n += values.length;
    return n;
  }

  async flush(): Promise<void> {
    const sends = [...this.pending].map(([topic, values]) => {
      const contract = contractByName(topic);
      this.produced += values.length;
      return this.producer.send(prefixed(this.prefix, topic), values.map((value) => ({ key: contract.keyOf(value), value })));
    });
    this.pending.clear();
    await Promise.all(sends);
  }
}

async function main(options: GenerateOptions): Promise<void> {
  configureLogging({ service: 'pulse-generate', level: 'warn' });
  const platform = loadPlatformConfig();
  const kafka = createKafka(platform, 'generate');
  const codec = new AvroRegistryCodec({ url: platform.schemaRegistryUrl, username: platform.schemaRegistryUsername, password: platform.schemaRegistryPassword });
  await ensureTopics(kafka, platform.topicPrefix, allTopics);
  await registerSchemas(codec, platform.topicPrefix, allTopics);
  const producer = new StreamProducer(kafka, codec);
  await producer.connect();
  const writer = new TopicWriter(producer, platform.topicPrefix);

  let stopping = false;
  process.once('SIGINT', () => (stopping = true));
  process.once('SIGTERM', () => (stopping = true));

  const now = Date.now();
  const start = options.live ? Math.floor(now / 1000) * 1000 : Math.floor(now / DAY_MS) * DAY_MS - DAY_MS;
  const end = options.durationSeconds === undefined ? undefined : start + options.durationSeconds * 1000;
  const traffic = createTraffic({
    seed: options.seed,
    start,
    end,
    products: options.products,
    requestsPerSecond: options.requestsPerSecond,
    salesLinesPerSecond: options.salesPerSecond,
    feedbackPerSecond: options.feedbackPerSecond,
    incidents: options.scenarios,
    incidentWindow: { from: start, to: end ?? start + 3_600_000 },
  });
  if (options.labelsOut) {
    writeFileSync(options.labelsOut, JSON.stringify(traffic.groundTruth().incidents, null, 2));
    say(`wrote ${traffic.incidents.length} incident labels to ${options.labelsOut}`);
  }
  for (const incident of traffic.incidents) {
    say(`incident ${incident.label.scenario} on ${incident.label.subject_kind} ${incident.label.subject}: ${new Date(incident.label.start).toISOString()} → ${new Date(incident.label.end).toISOString()}`);
  }

  writer.add(traffic.catalogueEvents(start));
  if (options.historyDays > 0) {
    const historyEnd = Math.floor(now / DAY_MS) * DAY_MS;
    for (const day of traffic.history(historyEnd - options.historyDays * DAY_MS, historyEnd)) {
      writer.add(day);
      if (writer.buffered >= 20_000) await writer.flush();
      if (stopping) break;
    }
    await writer.flush();
    say(`backfilled ${options.historyDays} days of sales history (${writer.produced} events so far)`);
  }

  const started = Date.now();
  let lastReport = started;
  const report = () => {
    const seconds = (Date.now() - started) / 1000;
    say(`${writer.produced} events produced (${Math.round(writer.produced / Math.max(seconds, 0.001))}/s)`);
  };
  const batches = options.count !== undefined ? traffic.take(options.count) : (function* () {
    for (const b of traffic.batches()) yield b.events;
  })();
  let eventTime = start;
  for (const events of batches) {
    if (stopping) break;
    writer.add(events);
    eventTime += traffic.batchMs;
    if (options.live) {
      await writer.flush();
      const wait = eventTime - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    } else if (writer.buffered >= 20_000) {
      await writer.flush();
    }
    if (Date.now() - lastReport >= 5000) {
      report();
      lastReport = Date.now();
    }
  }
  await writer.flush();
  report();
  await producer.disconnect();
}

let options: GenerateOptions | 'help';
try {
  options = parseGenerateOptions(process.argv.slice(2));
} catch (err) {
  if (!(err instanceof UsageError)) throw err;
  process.stderr.write(`${err.message}\n\n${USAGE}\n`);
  process.exit(2);
}
if (options === 'help') {
  process.stdout.write(`${USAGE}\n`);
} else {
  main(options).catch((err: unknown) => {
    say(`failed: ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  });
}
