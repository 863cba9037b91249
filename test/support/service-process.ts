import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { repoRoot } from './repo-root';
import { waitFor } from './wait-for';

const root = repoRoot();
/** The heap the services get in tests and benchmarks, as `npm run demo` gives them. */
const SERVICE_HEAP_MB = 512;

/**
 * A built service (dist/services/<name>/src/main.js) run as a real child process, so tests can
 * SIGTERM it, SIGKILL it and start it again.
 */
export class ServiceProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<number | null> | undefined;
  readonly output: string[] = [];

  constructor(
    private readonly name: string,
    private readonly env: Record<string, string>,
    private readonly heapMb = SERVICE_HEAP_MB,
  ) {}

  start(): void {
    const entry = resolve(root, `dist/services/${this.name}/src/main.js`);
    const child = spawn(process.execPath, [`--max-old-space-size=${this.heapMb}`, entry], {
      cwd: root,
      env: { ...process.env, LOG_LEVEL: 'info', ...this.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line) this.output.push(line);
      if (this.output.length > 5000) this.output.splice(0, this.output.length - 5000);
    };
    child.stdout?.on('data', collect);
    child.stderr?.on('data', collect);
    this.exited = new Promise((resolveExit) => child.once('exit', (code) => resolveExit(code)));
    this.child = child;
  }

  /** Waits for the service's /health to answer ok (it listens on `metricsPort`); fails at once if it exits. */
  async waitHealthy(metricsPort: number, timeoutMs = 90_000): Promise<void> {
    const healthy = waitFor(
      async () => (await fetch(`http://127.0.0.1:${metricsPort}/health`)).status,
      (status) => status === 200,
      { timeoutMs, what: `${this.name} health` },
    );
    const exited = this.exited!.then((code) => {
      throw new Error(`${this.name} exited with code ${code} before it was healthy`);
    });
    try {
      await Promise.race([healthy, exited]);
    } catch (err) {
      throw new Error(`${String(err)}\n--- ${this.name} output ---\n${this.output.slice(-40).join('\n')}`, { cause: err });
    } finally {
      exited.catch(() => undefined);
      healthy.catch(() => undefined);
    }
  }

  /** SIGTERM (graceful drain) or SIGKILL (crash); resolves with the exit code. */
  async stop(signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM'): Promise<number | null> {
    if (!this.child || this.child.exitCode !== null) return this.child?.exitCode ?? null;
    this.child.kill(signal);
    return this.exited!;
  }

  /** Lines the service logged that contain `text`. */
  linesContaining(text: string): string[] {
    return this.output.filter((l) => l.includes(text));
  }
}
