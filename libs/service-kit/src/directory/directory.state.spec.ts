import { applyAllianceChange, applyMemberChange, EMPTY_MEMBER, type AllianceChange, type AllianceState, type MemberChange } from './directory.state.js';

const t = (minute: number): Date => new Date(Date.UTC(2026, 8, 1, 8, minute));
const joined = (minute: number, role: 'member' | 'core' = 'member'): MemberChange => ({ type: 'joined', at: t(minute), role });
const left = (minute: number): MemberChange => ({ type: 'left', at: t(minute) });

const replay = (changes: MemberChange[]) => changes.reduce(applyMemberChange, EMPTY_MEMBER);

/** every order of a list (the lists here are short) */
function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]));
}

describe(applyMemberChange.name, () => {
  it('makes a school that joined an active member', () => {
    expect(replay([joined(1)])).toEqual({ role: 'member', joinedAt: t(1), leftAt: null, active: true });
  });

  it('keeps a school inactive when its leave arrives before the join that preceded it', () => {
    const sut = replay([left(5), joined(1)]);
    expect(sut.active).toBe(false);
    expect(sut).toEqual({ role: 'member', joinedAt: t(1), leftAt: t(5), active: false });
  });

  it.each([
    ['joined, left', [joined(1), left(2)], false],
    ['joined, left, joined again', [joined(1), left(2), joined(3)], true],
    ['joined, left, joined, left', [joined(1), left(2), joined(3), left(4)], false],
  ])('gives the same answer in every delivery order: %s', (_name, changes, active) => {
    const results = permutations(changes).map(replay);
    for (const result of results) expect(result).toEqual(results[0]);
    expect(results[0]?.active).toBe(active);
  });

  it('changes nothing when an event is applied twice', () => {
    const once = replay([joined(1), left(2), joined(3, 'core')]);
    expect(applyMemberChange(once, joined(3, 'core'))).toEqual(once);
    expect(applyMemberChange(once, left(2))).toEqual(once);
  });

  it('takes the role of the latest join, not of a late-arriving older one', () => {
    const sut = replay([joined(3, 'core'), joined(1, 'member')]);
    expect(sut.role).toBe('core');
    expect(sut.joinedAt).toEqual(t(3));
  });
});

describe(applyAllianceChange.name, () => {
  const stub: AllianceState = { name: null, nameVersion: 0, kind: null, coreSchoolId: null, status: 'draft', updatedAt: t(0) };
  const coreSchoolId = 'c0ffee00-0000-4000-8000-000000000001';
  const created: AllianceChange = { type: 'created', at: t(1), name: '城南教育联盟', version: 1, kind: 'alliance', coreSchoolId };
  const activated: AllianceChange = { type: 'status', at: t(2), status: 'active' };
  const dissolved: AllianceChange = { type: 'status', at: t(3), status: 'dissolved' };

  it.each(permutations([created, activated, dissolved]).map((order) => [order.map((c) => (c.type === 'created' ? 'created' : c.status)).join(' → '), order]))(
    'ends dissolved with its name whatever the order: %s',
    (_name, order) => {
      const sut = order.reduce(applyAllianceChange, stub);
      expect(sut).toEqual({ name: '城南教育联盟', nameVersion: 1, kind: 'alliance', coreSchoolId, status: 'dissolved', updatedAt: t(3) });
    },
  );

  it('does not reopen a dissolved alliance when a late activation arrives', () => {
    const sut = [created, dissolved, activated].reduce(applyAllianceChange, stub);
    expect(sut.status).toBe('dissolved');
  });

  it('keeps an activated alliance active when its creation arrives afterwards', () => {
    const sut = [activated, created].reduce(applyAllianceChange, stub);
    expect(sut.status).toBe('active');
    expect(sut.name).toBe('城南教育联盟');
  });

  describe('renames', () => {
    const renamed = (version: number, name: string, minute: number): AllianceChange => ({ type: 'renamed', at: t(minute), name, version });
    // version 2 was the activation; the renames came after it
    const first = renamed(3, '城南教育集团', 4);
    const second = renamed(4, '城南教联体', 5);
    const label = (c: AllianceChange): string => (c.type === 'status' ? c.status : c.type === 'created' ? 'created' : c.name);

    it.each(permutations([created, activated, first, second]).map((order) => [order.map(label).join(' → '), order]))(
      'ends with the newest name whatever the order: %s',
      (_name, order) => {
        const sut = order.reduce(applyAllianceChange, stub);
        expect(sut).toEqual({ name: '城南教联体', nameVersion: 4, kind: 'alliance', coreSchoolId, status: 'active', updatedAt: t(5) });
      },
    );

    it('keeps the new name when the creation is delivered again', () => {
      const once = [created, activated, first].reduce(applyAllianceChange, stub);
      expect(applyAllianceChange(once, created)).toEqual(once);
      expect(applyAllianceChange(once, first)).toEqual(once);
    });

    it('prefers any versioned name to one from an event written before versions existed', () => {
      const legacyCreated: AllianceChange = { ...created, version: 0, at: t(9) };
      const sut = [first, legacyCreated].reduce(applyAllianceChange, stub);
      expect(sut.name).toBe('城南教育集团');
    });
  });
});
