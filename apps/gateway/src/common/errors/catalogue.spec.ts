import { MESSAGES } from '@jiaolian/contracts';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/*
 * Every error code the services and the gateway raise must be in the catalogue, or a zh-CN user reads
 * only the kind's general sentence. The compiler checks codes typed as MessageCode; this scan also
 * catches a code that reaches a call through a looser type, and throw sites still written as free text.
 */

const ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));
const SCANNED = ['apps', 'libs/service-kit/src'];
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'console', 'console-e2e', 'test']);

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return SKIPPED_DIRS.has(entry.name) ? [] : sources(path);
    return entry.name.endsWith('.ts') && !/\.(int-|api-)?spec\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

const FILES = SCANNED.flatMap((dir) => sources(join(ROOT, dir))).map((path) => ({ path: relative(ROOT, path), text: readFileSync(path, 'utf8') }));

/** The text between the parenthesis at `open` and its match, and its top-level comma-separated arguments. */
function argumentsAt(text: string, open: number): string[] {
  const args: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = open + 1;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth++;
    else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) {
        args.push(text.slice(start, i));
        return args;
      }
    } else if (c === ',' && depth === 1) {
      args.push(text.slice(start, i));
      start = i + 1;
    }
  }
  return args;
}

const literals = (text: string): string[] => [...text.matchAll(/'([^'\\\n]*)'/g)].map((m) => m[1] ?? '');

/** Which argument of each coded constructor is the code. */
const CALLS: [RegExp, number][] = [
  [/\bDomainError\.coded\(/g, 1],
  [/\bValidationError\.of\(/g, 1],
  [/\bfieldError\(/g, 1],
  [/\b(?:ForbiddenError|ConflictError|UnauthenticatedError)\.of\(/g, 0],
];

interface CodeUse { code: string; at: string }

function codesUsed(): CodeUse[] {
  const found: CodeUse[] = [];
  for (const { path, text } of FILES) {
    const at = (index: number): string => `${path}:${text.slice(0, index).split('\n').length}`;
    for (const [call, position] of CALLS) {
      for (const match of text.matchAll(call)) {
        if (/function\s+$|static\s+$/.test(text.slice(Math.max(0, match.index - 16), match.index))) continue;
        const arg = (argumentsAt(text, match.index + match[0].length - 1)[position] ?? '').trim();
        // the argument itself, or the dotted codes of a condition (`action === 'cancel' ? 'a.b' : 'a.c'`)
        const codes = literals(arg).filter((l) => arg === `'${l}'` || l.includes('.'));
        for (const code of codes) found.push({ code, at: at(match.index) });
      }
    }
    // codes chosen from a table typed with MessageCode (e.g. one code per refused action)
    for (const match of text.matchAll(/MessageCode\b[^=;()]*=\s*\{/g)) {
      const body = argumentsAt(text, match.index + match[0].length - 1).join(',');
      for (const code of literals(body).filter((l) => l.includes('.'))) found.push({ code, at: at(match.index) });
    }
  }
  return found;
}

describe('the error catalogue', () => {
  const used = codesUsed();

  it('finds the coded throw sites it scans (the scan itself works)', () => {
    expect(FILES.length).toBeGreaterThan(100);
    expect(used.map((u) => u.code)).toEqual(expect.arrayContaining([
      'membership.alliance.status-forbids', 'exchange.placement.cannot-cancel', 'curriculum.booking.slot-taken-field', 'field.isUuid', 'bus.timeout',
    ]));
  });

  it('has every code the services and the gateway raise', () => {
    const missing = used.filter((u) => !Object.hasOwn(MESSAGES, u.code));
    expect(missing).toEqual([]);
  });

  /*
   * Folders allowed to keep free-text throw sites while a change converts them to codes: none are left,
   * so every throw site in apps/ speaks in codes.
   */
  const PENDING: RegExp[] = [];
  const FREE_TEXT: [string, RegExp][] = [
    ['ValidationError.field(...)', /\bValidationError\.field\(/g],
    ['new ForbiddenError/ConflictError/UnauthenticatedError with a sentence', /\bnew (?:ForbiddenError|ConflictError|UnauthenticatedError)\(\s*['`]/g],
    ['new DomainError with a sentence', /\bnew DomainError\(\s*['`]/g],
    ['field error written by hand', /\{\s*field:[^{}]*\bmessage:\s*['`]/g],
  ];

  it.each(FREE_TEXT)('has no %s outside the folders still being converted', (_what, pattern) => {
    const offenders = FILES.filter((f) => !PENDING.some((p) => p.test(f.path)) && !f.path.startsWith('libs/service-kit/src/errors/'))
      .flatMap(({ path, text }) => [...text.matchAll(pattern)].map((m) => `${path}:${text.slice(0, m.index).split('\n').length}`));
    expect(offenders).toEqual([]);
  });
});
