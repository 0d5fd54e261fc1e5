import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from './en';
import { zhCN } from './zh-CN';

function keysOf(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) => (typeof v === 'object' && v !== null ? keysOf(v as object, `${prefix}${k}.`) : [`${prefix}${k}`]));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

describe('locales', () => {
  const zhKeys = keysOf(zhCN).sort();

  it('zh-CN and en have exactly the same keys', () => {
    expect(keysOf(en).sort()).toEqual(zhKeys);
  });

  it('has no empty translation in either language', () => {
    const empty = [...keysOf(zhCN), ...keysOf(en)].filter((k) => {
      const value = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], zhCN);
      const valueEn = k.split('.').reduce<unknown>((o, p) => (o as Record<string, unknown>)[p], en);
      return value === '' || valueEn === '';
    });
    expect(empty).toEqual([]);
  });

  it('every literal key the components ask for exists', () => {
    const src = path.resolve(import.meta.dirname, '..');
    const used = new Set<string>();
    for (const file of sourceFiles(src)) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-zA-Z][\w-]*(?:\.[\w-]+)+)'/g)) used.add(m[1] as string);
    }
    expect(used.size).toBeGreaterThan(50);
    expect([...used].filter((k) => !zhKeys.includes(k))).toEqual([]);
  });
});
