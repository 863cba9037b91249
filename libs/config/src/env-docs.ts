import type { EnvSpec } from './load-config';
import { describeEnv } from './load-config';

/** Markdown table rows (`| VAR | default | meaning |`) for README.md. */
export function envMarkdownTable(spec: EnvSpec): string {
  const rows = describeEnv(spec).map(([name, fallback, description]) => `| \`${name}\` | ${fallback === '(required)' ? fallback : `\`${fallback}\``} | ${description} |`);
  return ['| Variable | Default | Meaning |', '| --- | --- | --- |', ...rows].join('\n');
}

/** `.env.example` lines: every variable commented out at its default. */
export function envExample(spec: EnvSpec): string {
  return describeEnv(spec)
    .map(([name, fallback, description]) => `# ${description}\n# ${name}=${fallback?.startsWith('(') ? '' : fallback}`)
    .join('\n');
}
