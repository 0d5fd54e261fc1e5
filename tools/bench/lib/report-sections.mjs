// docs/benchmarks.md holds one section per benchmark, each between `<!-- bench:NAME -->` and
// `<!-- /bench:NAME -->`. A benchmark rewrites only its own section, so running one never loses
// another's latest figures.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const TITLE = '# Benchmarks\n';
const markers = (name) => [`<!-- bench:${name} -->`, `<!-- /bench:${name} -->`];

/** The current text of one section (between its markers), or '' when the file or section is missing. */
export function readSection(file, name) {
  if (!existsSync(file)) return '';
  const text = readFileSync(file, 'utf8');
  const [open, close] = markers(name);
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  return start >= 0 && end > start ? text.slice(start + open.length, end) : '';
}

/** Replaces one section's body, or appends the section when it is not there yet; the rest stays byte for byte. */
export function writeSection(file, name, body) {
  const text = existsSync(file) ? readFileSync(file, 'utf8') : TITLE;
  const [open, close] = markers(name);
  const block = `${open}\n${body.replace(/^\n+|\n+$/g, '')}\n${close}`;
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  const next = start >= 0 && end > start
    ? `${text.slice(0, start)}${block}${text.slice(end + close.length)}`
    : `${text.replace(/\n*$/, '\n\n')}${block}\n`;
  writeFileSync(file, next);
}
