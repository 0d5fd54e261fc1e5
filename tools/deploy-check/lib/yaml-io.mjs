// Reading YAML files: every document of a file, comments ignored, merge keys (<<) resolved.
import { readFileSync } from 'node:fs';
import { parseAllDocuments } from 'yaml';

export function loadAll(file, text = readFileSync(file, 'utf8')) {
  const docs = parseAllDocuments(text, { merge: true, prettyErrors: true });
  const out = [];
  for (const doc of Array.isArray(docs) ? docs : [docs]) {
    if (doc.errors.length > 0) {
      throw new Error(`${file}: ${doc.errors.map((e) => e.message).join('; ')}`);
    }
    const value = doc.toJS({ maxAliasCount: 1000 });
    if (value !== null && value !== undefined) out.push(value);
  }
  return out;
}

export function loadOne(file) {
  const docs = loadAll(file);
  if (docs.length !== 1) throw new Error(`${file}: expected exactly one YAML document, found ${docs.length}`);
  return docs[0];
}

export const clone = (v) => structuredClone(v);
export const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
