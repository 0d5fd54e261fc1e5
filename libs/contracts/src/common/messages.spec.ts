import { fillTemplate, MESSAGES, negotiateLocale, renderMessage } from './messages.js';

describe(negotiateLocale.name, () => {
  it.each([
    [undefined, 'zh-CN'],
    ['', 'zh-CN'],
    ['en', 'en'],
    ['en-US,en;q=0.9', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh-CN'],
    ['en;q=0.5, zh-TW;q=0.8', 'zh-CN'],
    ['zh;q=0.2, en-GB;q=0.7', 'en'],
    ['fr-FR, de', 'zh-CN'],
    ['en;q=0', 'zh-CN'],
    ['en;q=abc', 'zh-CN'],
    ['*', 'zh-CN'],
    ['x'.repeat(600), 'zh-CN'],
  ])('%j answers in %s', (header, expected) => {
    expect(negotiateLocale(header)).toBe(expected);
  });
});

describe(renderMessage.name, () => {
  it('fills parameters in each locale', () => {
    expect(renderMessage('field.maxLength', { field: 'name', max: 100 }, 'en')).toBe('name must be shorter than or equal to 100 characters');
    expect(renderMessage('field.maxLength', { field: 'name', max: 100 }, 'zh-CN')).toBe('name 不能超过 100 个字符');
  });

  it('answers undefined for a code it does not know, including inherited object keys', () => {
    expect(renderMessage('no.such.code', {}, 'en')).toBeUndefined();
    expect(renderMessage('toString', {}, 'en')).toBeUndefined();
  });

  it('leaves a placeholder without a parameter as written', () => {
    expect(fillTemplate('{field} 不能超过 {max} 个字符', { field: 'x' }, 'zh-CN')).toBe('x 不能超过 {max} 个字符');
  });

  it('has every message in both locales, Chinese using only parameters the English has, and no English in the Chinese text', () => {
    for (const [code, templates] of Object.entries(MESSAGES)) {
      const placeholders = (text: string): string[] => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? '');
      // English may say more (an English-only reason from a library); Chinese never needs a parameter English lacks
      expect({ code, missing: placeholders(templates['zh-CN']).filter((p) => !placeholders(templates.en).includes(p)) }).toEqual({ code, missing: [] });
      const withoutPlaceholders = templates['zh-CN'].replace(/\{\w+\}/g, '').replace(/JSON|UUID|ISO 8601|true|false|\.xlsx|\.csv|CSV|UTF-8|MB|NUL|multipart\/form-data/g, '');
      expect({ code, latin: /[A-Za-z]{2,}/.test(withoutPlaceholders) }).toEqual({ code, latin: false });
    }
  });
});
