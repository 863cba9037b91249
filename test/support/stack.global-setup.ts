import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

/**
 * Makes sure the local stack is up before end-to-end tests run (idempotent: a running stack is
 * left as it is) and exports its addresses to the test processes. A stack elsewhere is used as is
 * when PULSE_EXTERNAL_STACK=1.
 */
export default function setup(): void {
  if (process.env['PULSE_EXTERNAL_STACK'] === '1') return;
  const root = resolve(__dirname, '../..');
  const output = execFileSync('bash', [resolve(root, 'deploy/local/stack'), 'up'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  for (const line of output.split('\n')) {
    const match = /^([A-Z_]+)=(.*)$/.exec(line.trim());
    if (match) process.env[match[1]!] = match[2]!;
  }
}
