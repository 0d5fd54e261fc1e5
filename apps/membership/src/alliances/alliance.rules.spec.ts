import type { AllianceKind, AllianceStatus, JoinDecision, JoinRequestKind, MemberRole } from '@jiaolian/contracts';
import { ConflictError, ForbiddenError, ValidationError } from '@jiaolian/service-kit';
import {
  assertDissolveReason, assertIntegratedExclusive, assertLifecycle, assertMayLeave, assertMayRequest, assertRoomFor, decide, foundingRole, joinRole,
  type AllianceAction,
} from './alliance.rules.js';

describe('alliance lifecycle', () => {
  it.each<[AllianceStatus, AllianceAction, boolean]>([
    ['draft', 'activate', true],
    ['active', 'activate', false],
    ['dissolved', 'activate', false],
    ['draft', 'dissolve', true],
    ['active', 'dissolve', true],
    ['dissolved', 'dissolve', false],
    ['draft', 'invite', true],
    ['dissolved', 'invite', false],
    ['draft', 'apply', false],
    ['active', 'apply', true],
    ['dissolved', 'join', false],
    ['dissolved', 'update', false],
    ['active', 'leave', true],
  ])('a %s alliance %s → allowed %s', (status, action, allowed) => {
    const sut = (): void => assertLifecycle(status, action);
    if (allowed) expect(sut).not.toThrow();
    else expect(sut).toThrow(ConflictError);
  });

  it.each<[AllianceKind, MemberRole]>([['pairing', 'supporting'], ['alliance', 'core'], ['integrated', 'core']])(
    'a %s is founded by its %s school', (kind, role) => {
      expect(foundingRole(kind)).toBe(role);
    });

  it('needs a reason to dissolve, naming the field', () => {
    expect(assertDissolveReason('  合并  ')).toBe('合并');
    expect(() => assertDissolveReason('   ')).toThrow(ValidationError);
    try {
      assertDissolveReason(' ');
    } catch (error) {
      expect((error as ValidationError).errors?.[0]?.field).toBe('body.reason');
    }
  });

  it.each<[MemberRole, boolean]>([['core', false], ['supporting', false], ['member', true], ['supported', true]])(
    'a %s school may leave: %s', (role, allowed) => {
      const sut = (): void => assertMayLeave(role);
      if (allowed) expect(sut).not.toThrow();
      else expect(sut).toThrow(ConflictError);
    });
});

describe('join rules', () => {
  it.each<[AllianceKind, MemberRole | undefined, MemberRole | 'invalid']>([
    ['pairing', undefined, 'supported'],
    ['pairing', 'supported', 'supported'],
    ['pairing', 'member', 'invalid'],
    ['pairing', 'supporting', 'invalid'],
    ['alliance', undefined, 'member'],
    ['integrated', 'member', 'member'],
    ['alliance', 'core', 'invalid'],
    ['integrated', 'supported', 'invalid'],
  ])('a %s asked for role %s gives %s', (kind, requested, expected) => {
    if (expected === 'invalid') expect(() => joinRole(kind, requested, 'body.role')).toThrow(ValidationError);
    else expect(joinRole(kind, requested)).toBe(expected);
  });

  it('lets a pairing take exactly one supported school', () => {
    expect(() => assertRoomFor('pairing', 'supported', ['supporting'])).not.toThrow();
    expect(() => assertRoomFor('pairing', 'supported', ['supporting', 'supported'])).toThrow(ConflictError);
    expect(() => assertRoomFor('alliance', 'member', ['core', 'member', 'member'])).not.toThrow();
  });

  it('refuses a request for a member and a duplicate pending request', () => {
    const ok = { activeMember: false, pendingExists: false };
    expect(() => assertMayRequest(ok)).not.toThrow();
    expect(() => assertMayRequest({ ...ok, activeMember: true })).toThrow(ConflictError);
    expect(() => assertMayRequest({ ...ok, pendingExists: true })).toThrow(ConflictError);
  });

  it('keeps a school in one active integrated alliance only', () => {
    expect(() => assertIntegratedExclusive('integrated', ['other'])).toThrow(ConflictError);
    expect(() => assertIntegratedExclusive('integrated', [])).not.toThrow();
    expect(() => assertIntegratedExclusive('alliance', ['other'])).not.toThrow();
  });

  const school = { forAlliance: false, forSchool: true };
  const alliance = { forAlliance: true, forSchool: false };
  const district = { forAlliance: true, forSchool: true };

  it.each<[JoinRequestKind, JoinDecision, typeof school, string]>([
    ['invitation', 'accept', school, 'accepted'],
    ['invitation', 'decline', school, 'declined'],
    ['invitation', 'accept', alliance, 'forbidden'],
    ['invitation', 'withdraw', alliance, 'withdrawn'],
    ['invitation', 'withdraw', school, 'forbidden'],
    ['application', 'accept', alliance, 'accepted'],
    ['application', 'decline', alliance, 'declined'],
    ['application', 'accept', school, 'forbidden'],
    ['application', 'withdraw', school, 'withdrawn'],
    ['application', 'withdraw', alliance, 'forbidden'],
    ['application', 'accept', district, 'accepted'],
  ])('an %s answered %s by %o is %s', (kind, decision, actor, expected) => {
    if (expected === 'forbidden') expect(() => decide({ kind, status: 'pending' }, decision, actor)).toThrow(ForbiddenError);
    else expect(decide({ kind, status: 'pending' }, decision, actor)).toBe(expected);
  });

  it.each(['accepted', 'declined', 'withdrawn'] as const)('cannot answer a request that is already %s', (status) => {
    expect(() => decide({ kind: 'invitation', status }, 'accept', district)).toThrow(ConflictError);
  });
});
