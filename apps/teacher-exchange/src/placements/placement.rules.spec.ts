import type { ProposePlacementDto } from '@jiaolian/contracts';
import { canStart, checkProposal } from './placement.rules.js';

const proposal = (extra: Partial<ProposePlacementDto> = {}): ProposePlacementDto => ({
  teacherId: 't', kind: 'rotation', hosts: [{ schoolId: 'h1' }], startsOn: '2026-09-01', endsOn: '2027-01-31', ...extra,
});

describe('checkProposal', () => {
  it('accepts a plain rotation', () => {
    expect(checkProposal(proposal(), 'home')).toEqual([]);
  });

  it.each([
    ['endsOn', proposal({ endsOn: '2026-08-31' })],
    ['hosts.0.schoolId', proposal({ hosts: [{ schoolId: 'home' }] })],
    ['hosts.1.schoolId', proposal({ hosts: [{ schoolId: 'h1' }, { schoolId: 'h1' }] })],
    ['hosts.0.weeklyPeriods', proposal({ kind: 'itinerant' })],
    ['hosts.0.weeklyPeriods', proposal({ hosts: [{ schoolId: 'h1', weeklyPeriods: 4 }] })],
    ['endsOn', proposal({ kind: 'observation', startsOn: '2026-09-01', endsOn: '2026-11-01' })],
  ])('names %s when it is wrong', (field, dto) => {
    expect(checkProposal(dto, 'home')).toEqual([expect.objectContaining({ field })]);
  });

  it('accepts an itinerant placement with weekly periods at every host', () => {
    expect(checkProposal(proposal({ kind: 'itinerant', hosts: [{ schoolId: 'h1', weeklyPeriods: 4 }, { schoolId: 'h2', weeklyPeriods: 6 }] }), 'home')).toEqual([]);
  });
});

describe('canStart', () => {
  it.each([
    ['approve', 'proposed', true], ['approve', 'home_approved', true], ['approve', 'approved', false],
    ['reject', 'approved', false], ['activate', 'approved', true], ['activate', 'proposed', false],
    ['complete', 'active', true], ['complete', 'approved', false],
    ['cancel', 'approved', true], ['cancel', 'active', false], ['cancel', 'rejected', false],
  ] as const)('%s from %s: %s', (action, status, expected) => {
    expect(canStart(action, status)).toBe(expected);
  });
});
