// Validates asyncapi.yaml with the AsyncAPI parser (its JSON schema and its rules): the build fails on any error, and
// on a warning too, so that the document stays clean rather than slowly accumulating noise.
import { readFile } from 'node:fs/promises';
import { Parser } from '@asyncapi/parser';

const file = new URL('./asyncapi.yaml', import.meta.url);
const { document, diagnostics } = await new Parser().parse(await readFile(file, 'utf8'));
const severities = ['error', 'warning', 'information', 'hint'];
const problems = diagnostics.filter((d) => d.severity <= 1);
for (const d of diagnostics) {
  console.log(`${severities[d.severity]} ${d.code} at ${d.path.join('.') || '(root)'}: ${d.message}`);
}
if (!document || problems.length > 0) {
  console.error(`docs/asyncapi.yaml is not a valid AsyncAPI document (${problems.length} errors or warnings)`);
  process.exit(1);
}
console.log(`docs/asyncapi.yaml is valid AsyncAPI ${document.version()}: ` +
  `${document.allMessages().length} messages, ${document.operations().length} operations`);
