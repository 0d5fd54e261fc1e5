import { describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ActivitiesEvents } from '../activities/subjects.js';
import { AssessmentEvents } from '../assessment/subjects.js';
import { CurriculumEvents } from '../curriculum/subjects.js';
import { MembershipEvents } from '../membership/subjects.js';
import { TeacherExchangeEvents } from '../teacher-exchange/subjects.js';
import { CHANGES_START_CURSOR, decodeChangeCursor, encodeChangeCursor, parsePublicEventTypes } from './changes.dto.js';
import { PUBLIC_EVENT_CATALOGUE, PUBLIC_EVENT_TYPES, toPublicEvent } from './public-events.js';

const DOMAIN_EVENTS = [MembershipEvents, TeacherExchangeEvents, CurriculumEvents, ActivitiesEvents, AssessmentEvents].flatMap((events) => Object.values(events));

describe('the public event catalogue', () => {
  it('publishes every domain event of the five services, each subject once, under a unique public type', () => {
    expect(PUBLIC_EVENT_CATALOGUE.map((d) => d.subject).sort()).toEqual([...DOMAIN_EVENTS].sort());
    expect(new Set(PUBLIC_EVENT_TYPES).size).toBe(PUBLIC_EVENT_TYPES.length);
    for (const definition of PUBLIC_EVENT_CATALOGUE) {
      expect({ type: definition.type, ok: /^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*$/.test(definition.type) }).toEqual({ type: definition.type, ok: true });
      expect(definition.description['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('builds the public payload from a whitelist: fields the service adds inside never reach third parties', () => {
    const sut = toPublicEvent({
      id: 'e1', subject: CurriculumEvents.resourceShared, occurredAt: '2026-12-01T02:00:00.000Z', districtId: 'd1', actor: { kind: 'user', id: 'u1' }, requestId: 'r1',
      data: { resourceId: 'r9', districtId: 'd1', schoolId: 's1', ownerId: 'u1', type: 'courseware', title: '分数的意义', subject: 'math', grade: 'g5', visibility: 'alliance', storageKey: 'x/y' },
    });
    expect(sut).toEqual({
      id: 'e1', type: 'resource.shared', version: 1, occurredAt: '2026-12-01T02:00:00.000Z', resourceType: 'resource', resourceId: 'r9', operation: 'create',
      districtId: 'd1', allianceId: null, schoolId: 's1', domain: 'curriculum',
      data: { id: 'r9', schoolId: 's1', type: 'courseware', title: '分数的意义', subject: 'math', grade: 'g5', visibility: 'alliance' },
    });
  });

  it.each([
    [CurriculumEvents.resourceRemoved, { resourceId: 'r1', districtId: 'd1', schoolId: 's1', visibility: 'school' }, 'r1'],
    [TeacherExchangeEvents.slotDeleted, { slotId: 't1', placementId: 'p1', districtId: 'd1', allianceId: 'a1', teacherId: 'x', schoolId: 's1', weekday: 1, startsAt: '08:00', endsAt: '08:45', subject: 'math', grade: 3 }, 't1'],
  ])('turns %s into a tombstone with the id only', (subject, data, id) => {
    const sut = toPublicEvent({ id: 'e', subject, occurredAt: '2026-12-01T00:00:00.000Z', districtId: 'd1', data });
    expect(sut).toMatchObject({ operation: 'delete', resourceId: id, data: { id } });
    expect(Object.keys(sut!.data)).toEqual(['id']);
  });

  it('ignores what it does not publish', () => {
    expect(toPublicEvent({ id: 'e', subject: 'evt.membership.user.created.v1', occurredAt: '', districtId: 'd1', data: {} })).toBeUndefined();
  });

  it('is documented in docs/events.md, every type with its version', () => {
    const doc = readFileSync(path.resolve(import.meta.dirname, '../../../../docs/events.md'), 'utf8');
    for (const definition of PUBLIC_EVENT_CATALOGUE) expect({ type: definition.type, documented: doc.includes(`\`${definition.type}\` v${definition.version}`) }).toEqual({ type: definition.type, documented: true });
  });
});

describe('change cursors', () => {
  it('round-trip positions as opaque strings and refuse anything else', () => {
    expect(decodeChangeCursor(encodeChangeCursor(42n))).toBe('42');
    expect(decodeChangeCursor(CHANGES_START_CURSOR)).toBe('0');
    expect(decodeChangeCursor(encodeChangeCursor('9223372036854775807'))).toBe('9223372036854775807');
    for (const bad of ['', '42', 'djE6', encodeChangeCursor('9223372036854775808'), encodeChangeCursor('-1'), encodeChangeCursor('007'), `${encodeChangeCursor(5n)}=`, 'a'.repeat(41)]) {
      expect({ bad, position: decodeChangeCursor(bad) }).toEqual({ bad, position: undefined });
    }
  });

  it('read a list of known types, and nothing with an unknown one', () => {
    expect(parsePublicEventTypes('school.renamed, school.renamed,alliance.created')).toEqual(['school.renamed', 'alliance.created']);
    expect(parsePublicEventTypes('school.renamed,school.burned')).toBeUndefined();
    expect(parsePublicEventTypes(' , ')).toBeUndefined();
  });
});
