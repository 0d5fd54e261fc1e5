import { DomainError } from '@jiaolian/service-kit';
import { createHash } from 'node:crypto';
import {
  assertDuties, assertKindFits, assertMaySign, assertSendable, assertStatusAllows, canonicalBytes, contentSha256, effectiveStatus, expiryReminderDue,
  remainingSigners, shanghaiDay, type CanonicalVersion,
} from './charter.rules.js';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? error.code : String(error);
  }
  return undefined;
};

const version: CanonicalVersion = {
  documentId: 'd1', kind: 'charter', number: 1, title: '城关教育联盟章程', body: '第一条 联盟由城关一小牵头……', file: null,
  sharedScope: '骨干教师、课程资源、功能室', duties: [{ schoolId: 'b', duties: '派出骨干教师' }, { schoolId: 'a', duties: '开放功能室' }],
  disputeResolution: '由联席会议协商解决', validFrom: '2026-09-01', validTo: '2029-08-31',
};

describe('charter rules', () => {
  it.each([
    ['pairing_agreement', 'pairing', undefined],
    ['charter', 'pairing', 'membership.charter.kind-not-allowed'],
    ['charter', 'alliance', undefined],
    ['cooperation_agreement', 'integrated', undefined],
    ['pairing_agreement', 'alliance', 'membership.charter.kind-not-allowed'],
  ] as const)('a %s in a %s alliance → %s', (kind, allianceKind, code) => {
    expect(codeOf(() => assertKindFits(kind, allianceKind))).toBe(code);
  });

  it.each([
    ['draft', 'edit', true], ['draft', 'send', true], ['draft', 'sign', false], ['draft', 'withdraw', false],
    ['signing', 'edit', false], ['signing', 'sign', true], ['signing', 'withdraw', true], ['signing', 'amend', false],
    ['in_force', 'edit', false], ['in_force', 'sign', false], ['in_force', 'amend', true],
    ['superseded', 'amend', false], ['expired', 'amend', false], ['expired', 'sign', false],
  ] as const)('a %s version may %s: %s', (status, action, allowed) => {
    expect(codeOf(() => assertStatusAllows(status, action))).toBe(allowed ? undefined : 'membership.charter.status-forbids');
  });

  it('reads a version in force as expired from the day after its last valid day (Asia/Shanghai)', () => {
    // 2029-08-31 16:00 UTC is already 2029-09-01 in Shanghai
    expect(effectiveStatus('in_force', '2029-08-31', new Date('2029-08-31T15:59:00Z'))).toBe('in_force');
    expect(effectiveStatus('in_force', '2029-08-31', new Date('2029-08-31T16:00:00Z'))).toBe('expired');
    expect(effectiveStatus('signing', '2020-01-01', new Date('2029-08-31T16:00:00Z'))).toBe('signing');
    expect(shanghaiDay(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
  });

  describe('sending for signing', () => {
    const now = new Date('2026-12-01T02:00:00Z');
    const sendable = { body: '正文', fileSha256: null, sharedScope: '教师', disputeResolution: '协商', validFrom: '2026-09-01', validTo: '2029-08-31' };

    it('accepts a complete version, with a file instead of text', () => {
      expect(codeOf(() => assertSendable(sendable, 3, now))).toBeUndefined();
      expect(codeOf(() => assertSendable({ ...sendable, body: null, fileSha256: 'f'.repeat(64) }, 3, now))).toBeUndefined();
    });

    it.each([
      [{ body: '  ' }, 'body'], [{ sharedScope: null }, 'sharedScope'], [{ disputeResolution: '' }, 'disputeResolution'],
      [{ validFrom: null }, 'validFrom'], [{ validTo: null }, 'validTo'],
    ])('names the missing field %j', (change, field) => {
      try {
        assertSendable({ ...sendable, ...change }, 3, now);
        throw new Error('accepted');
      } catch (error) {
        expect((error as DomainError).errors?.[0]).toMatchObject({ field, code: 'membership.charter.incomplete' });
      }
    });

    it('refuses a version whose validity is already over, or reversed, or an alliance without members', () => {
      expect(codeOf(() => assertSendable({ ...sendable, validTo: '2026-11-30' }, 3, now))).toBe('membership.charter.already-over');
      expect(codeOf(() => assertSendable({ ...sendable, validFrom: '2030-01-01' }, 3, now))).toBe('membership.charter.validity-order');
      expect(codeOf(() => assertSendable(sendable, 0, now))).toBe('membership.charter.no-members');
    });
  });

  it('accepts duties of member schools only, each once', () => {
    expect(codeOf(() => assertDuties([{ schoolId: 'a', duties: 'x' }], ['a', 'b']))).toBeUndefined();
    expect(codeOf(() => assertDuties([{ schoolId: 'c', duties: 'x' }], ['a', 'b']))).toBe('membership.charter.duty-not-member');
    expect(codeOf(() => assertDuties([{ schoolId: 'a', duties: 'x' }, { schoolId: 'a', duties: 'y' }], ['a']))).toBe('membership.charter.duty-repeated');
  });

  describe('who signs', () => {
    it('lets the school admin sign for their own school once', () => {
      expect(codeOf(() => assertMaySign('a', ['a'], ['a', 'b'], []))).toBeUndefined();
      expect(codeOf(() => assertMaySign('a', ['a'], ['a', 'b'], ['a']))).toBe('membership.charter.already-signed');
    });

    it('refuses a caller who is not the school\'s admin (a district or alliance admin holds no school)', () => {
      expect(codeOf(() => assertMaySign('a', [], ['a', 'b'], []))).toBe('membership.charter.sign-forbidden');
      expect(codeOf(() => assertMaySign('a', ['b'], ['a', 'b'], []))).toBe('membership.charter.sign-forbidden');
    });

    it('refuses a school that joined after the version was sent', () => {
      expect(codeOf(() => assertMaySign('c', ['c'], ['a', 'b'], []))).toBe('membership.charter.not-a-signer');
    });

    it('leaves the version waiting until every school of the time of sending has signed', () => {
      expect(remainingSigners(['a', 'b'], ['a'])).toEqual(['b']);
      expect(remainingSigners(['a', 'b'], ['b', 'a', 'c'])).toEqual([]);
    });
  });

  describe('the hash of what is signed', () => {
    it('is the SHA-256 of the canonical bytes', () => {
      expect(contentSha256(version)).toBe(createHash('sha256').update(canonicalBytes(version)).digest('hex'));
    });

    it('does not depend on the order duties were entered in, nor on the Unicode form of the text', () => {
      const reordered = { ...version, duties: [...version.duties].reverse(), title: version.title.normalize('NFD') };
      expect(contentSha256(reordered)).toBe(contentSha256(version));
    });

    it.each([
      ['body', { body: '第一条 联盟由城关二小牵头……' }], ['title', { title: '章程' }], ['validTo', { validTo: '2029-08-30' }],
      ['duties', { duties: [{ schoolId: 'a', duties: '开放功能室' }] }], ['sharedScope', { sharedScope: '课程资源' }],
      ['disputeResolution', { disputeResolution: '报教育局裁决' }], ['number', { number: 2 }], ['file', { file: { sha256: 'a'.repeat(64), size: 10 } }],
    ])('changes when %s changes', (_field, change) => {
      expect(contentSha256({ ...version, ...change })).not.toBe(contentSha256(version));
    });
  });

  it.each([
    ['2026-12-31', '2026-11-30', null, null], ['2026-12-31', '2026-12-01', null, 30], ['2026-12-31', '2026-12-01', 30, null], ['2026-12-31', '2026-12-24', 30, 7],
    ['2026-12-31', '2026-12-25', 7, null], ['2026-12-31', '2026-12-27', null, 7], ['2026-12-31', '2026-10-01', null, null], ['2026-12-31', '2027-01-01', null, null],
  ])('reminds of a version valid to %s on %s (last reminder %s days) → %s days', (validTo, today, last, due) => {
    expect(expiryReminderDue(validTo, today, last)).toBe(due);
  });
});
