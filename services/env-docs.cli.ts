/** npm run config:docs — prints the README configuration tables, or `.env.example` with --env-example. */
import { envExample, envMarkdownTable } from '#config';
import { envSections } from './env-sections';

const asEnvExample = process.argv.includes('--env-example');
const text = envSections
  .map(({ title, spec }) => (asEnvExample ? `# --- ${title} ---\n${envExample(spec)}` : `**${title}**\n\n${envMarkdownTable(spec)}`))
  .join('\n\n');
process.stdout.write(`${text}\n`);
