import {
  eligiblePairs, evaluateChoice, PAIRING_DEFAULTS, roadDistanceKm, solvePairing, type Level, type ModelSchool, type PairingInput,
} from './pairing.model.js';

/** A small deterministic generator (mulberry32), so a failing instance can be reproduced from its seed. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TAGS = ['english', 'music', 'pe', 'science', 'farm_base'];
const LEVELS: Level[] = ['high', 'medium', 'low'];

function instance(seed: number): PairingInput {
  const rnd = random(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;
  const tagsOf = (n: number) => [...new Set(Array.from({ length: n }, () => pick(TAGS)))].map((tag) => ({ tag, level: pick(LEVELS) }));
  const schools: ModelSchool[] = Array.from({ length: 5 }, (_, i) => {
    const supporter = i < 2 || rnd() < 0.2;
    return {
      id: `s${i}`, lat: 28 + rnd() * 0.25, lng: 112 + rnd() * 0.25,
      capacity: supporter ? 1 + Math.floor(rnd() * 2) : 0,
      strengths: supporter ? tagsOf(3) : [],
      needs: supporter && rnd() < 0.7 ? [] : tagsOf(1 + Math.floor(rnd() * 3)),
    };
  });
  const alliances = rnd() < 0.5 ? [{ id: 'a0', memberSchoolIds: ['s0', 's4'] }] : [];
  return { schools, alliances, params: { ...PAIRING_DEFAULTS, maxSupportersPerSchool: 1 + Math.floor(rnd() * 2), travelLimitKm: 25 } };
}

/** The best objective over every subset of the given pairs, on top of the fixed ones, that keeps the constraints. */
function bruteForce(input: PairingInput, pairs: { providerId: string; receiverId: string }[], fixed: { providerId: string; receiverId: string }[] = []): number {
  let best = -Infinity;
  for (let mask = 0; mask < 1 << pairs.length; mask++) {
    const chosen = [...fixed, ...pairs.filter((_, i) => mask & (1 << i))];
    const value = evaluateChoice(input, chosen);
    if (value !== null && value > best) best = value;
  }
  return best;
}

describe('pairing model', () => {
  it.each(Array.from({ length: 40 }, (_, i) => i + 1))('matches brute force on random instance %i', async (seed) => {
    const input = instance(seed);
    expect(eligiblePairs(input).length).toBeLessThanOrEqual(16);
    const sut = await solvePairing(input);
    expect(sut.status).toBe('Optimal');
    const eligible = eligiblePairs(input);
    // stage 1: the pairings are the best set of supporting schools there is
    const pairings = sut.assignments.filter((a) => a.kind === 'school');
    expect(evaluateChoice(input, pairings)).toBeCloseTo(bruteForce(input, eligible.filter((p) => p.kind === 'school')), 6);
    // stage 2: given the pairings, the alliance suggestions add the most there is to add
    expect(sut.objective).toBeCloseTo(bruteForce(input, eligible.filter((p) => p.kind === 'alliance'), pairings), 6);
    // the reported assignments are themselves feasible and worth the reported objective
    expect(evaluateChoice(input, sut.assignments)).toBeCloseTo(sut.objective, 6);
  });

  it('draws instances with real choices in them (several eligible pairs, competing for capacity)', () => {
    const sizes = Array.from({ length: 40 }, (_, i) => eligiblePairs(instance(i + 1)).length);
    expect(sizes.filter((n) => n >= 4).length).toBeGreaterThanOrEqual(20);
    const withAlliances = Array.from({ length: 40 }, (_, i) => eligiblePairs(instance(i + 1)).filter((p) => p.kind === 'alliance').length);
    expect(withAlliances.filter((n) => n >= 2).length).toBeGreaterThanOrEqual(5);
  });

  it('never loads a supporting school beyond its capacity and leaves out pairs beyond the travel limit', async () => {
    const strong: ModelSchool = { id: 'core', lat: 28.2, lng: 112.9, capacity: 2, strengths: [{ tag: 'english', level: 'high' }], needs: [] };
    const near = (id: string, dLat: number): ModelSchool => ({ id, lat: 28.2 + dLat, lng: 112.9, capacity: 0, strengths: [], needs: [{ tag: 'english', level: 'high' }] });
    const input: PairingInput = {
      schools: [strong, near('a', 0.01), near('b', 0.02), near('c', 0.03), near('far', 1)],
      params: { ...PAIRING_DEFAULTS },
    };
    const sut = await solvePairing(input);
    expect(sut.assignments.map((a) => a.receiverId).sort()).toEqual(['a', 'b']);
    expect(sut.assignments.every((a) => a.tags.join() === 'english')).toBe(true);
    expect(eligiblePairs(input).some((p) => p.receiverId === 'far')).toBe(false);
  });

  it('uses an entered road distance instead of the estimate, in either order of the pair', () => {
    const a: ModelSchool = { id: 'a', lat: 28, lng: 112, capacity: 1, strengths: [], needs: [] };
    const b: ModelSchool = { id: 'b', lat: 28.1, lng: 112, capacity: 0, strengths: [], needs: [] };
    expect(roadDistanceKm(a, b, 1.3)).toBeCloseTo(14.5, 0);
    expect(roadDistanceKm(b, a, 1.3, new Map([['a|b', 42]]))).toBe(42);
    expect(roadDistanceKm({ ...a, lat: null }, b, 1.3)).toBeNull();
  });

  it('answers an instance without any eligible pair as optimal with nothing to suggest', async () => {
    const sut = await solvePairing({ schools: [{ id: 'x', lat: 1, lng: 1, capacity: 0, strengths: [], needs: [{ tag: 'music', level: 'low' }] }], params: { ...PAIRING_DEFAULTS } });
    expect(sut).toMatchObject({ status: 'Optimal', objective: 0, assignments: [], candidatePairs: 0 });
  });
});
