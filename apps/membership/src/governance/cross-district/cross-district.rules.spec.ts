import { ConflictError, ForbiddenError } from '@jiaolian/service-kit';
import { approvalsNeeded, assertNotAnswered, settle, sidesToDecide, type ApprovalState } from './cross-district.rules.js';

const approvals = (alliance: ApprovalState['status'], school: ApprovalState['status']): ApprovalState[] => [
  { side: 'alliance', districtId: 'dA', status: alliance },
  { side: 'school', districtId: 'dB', status: school },
];

describe('cross-district rules', () => {
  describe(approvalsNeeded.name, () => {
    it('asks nothing within one district', () => {
      expect(approvalsNeeded('dA', 'dA')).toEqual([]);
    });

    it("asks the alliance's and the school's district admins across the boundary", () => {
      expect(approvalsNeeded('dA', 'dB')).toEqual([{ side: 'alliance', districtId: 'dA' }, { side: 'school', districtId: 'dB' }]);
    });
  });

  describe(sidesToDecide.name, () => {
    it.each([
      ['the alliance district admin', ['dA'], ['alliance']],
      ['the school district admin', ['dB'], ['school']],
      ['an admin of both districts', ['dA', 'dB'], ['alliance', 'school']],
    ])('lets %s decide their side', (_, districts, sides) => {
      expect(sidesToDecide(approvals('pending', 'pending'), (d) => districts.includes(d))).toEqual(sides);
    });

    it('leaves a side already decided out, and refuses when nothing of the caller is open', () => {
      expect(sidesToDecide(approvals('approved', 'pending'), () => true)).toEqual(['school']);
      expect(() => sidesToDecide(approvals('approved', 'pending'), (d) => d === 'dA')).toThrow(ConflictError);
    });

    it('refuses an admin of a third district', () => {
      expect(() => sidesToDecide(approvals('pending', 'pending'), (d) => d === 'dC')).toThrow(ForbiddenError);
    });

    it('refuses a request within one district, which needs no approval', () => {
      expect(() => sidesToDecide([], () => true)).toThrow(ConflictError);
    });
  });

  describe(settle.name, () => {
    it.each([
      [false, ['pending', 'pending'], 'pending'],
      [true, ['approved', 'pending'], 'pending'],
      [false, ['approved', 'approved'], 'pending'],
      [true, ['approved', 'approved'], 'accepted'],
      [true, [], 'accepted'],
      [false, ['refused', 'pending'], 'declined'],
      [true, ['approved', 'refused'], 'declined'],
    ] as const)('answered %s with approvals %j → %s', (answered, states, expected) => {
      expect(settle(answered, [...states])).toBe(expected);
    });
  });

  describe(assertNotAnswered.name, () => {
    it('lets the asked side answer once, and the asking side still withdraw while the districts decide', () => {
      expect(() => assertNotAnswered({ status: 'pending', answeredAt: null }, 'accept')).not.toThrow();
      expect(() => assertNotAnswered({ status: 'pending', answeredAt: new Date() }, 'accept')).toThrow(ConflictError);
      expect(() => assertNotAnswered({ status: 'pending', answeredAt: new Date() }, 'decline')).toThrow(ConflictError);
      expect(() => assertNotAnswered({ status: 'pending', answeredAt: new Date() }, 'withdraw')).not.toThrow();
    });
  });
});
