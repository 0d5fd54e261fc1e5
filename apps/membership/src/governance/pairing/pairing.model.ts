import highsModule from 'highs';

// the package ships ES module code under CommonJS typings: the default import is the loader itself
const loadHighs = highsModule as unknown as typeof highsModule.default;

/*
 * The pairing suggestion model (结对推荐), free of I/O so that it can be checked against brute force and
 * timed on its own.
 *
 * Data. Receivers r (schools with needs), each need (r, t) of tag t with weight n(r,t) by its level
 * (high 3, medium 2, low 1). Providers p: supporting schools (capacity cap(p) ≥ 1) and, when asked for,
 * existing alliances. A provider offers tag t with factor f(p,t) by the level of its strength (high 1,
 * medium 0.7, low 0.4; an alliance offers the best level among its member schools). d(p,r) is the road
 * distance in km: the override entered for the pair, or haversine × road factor (for an alliance: to its
 * nearest member school). A pair is eligible when p ≠ r, d(p,r) ≤ travel limit, p offers a tag r needs,
 * and it is not excluded (already paired; r already a member of alliance p).
 *
 * Stage 1, pairings: a mixed-integer programme over the supporting schools, x(p,r) ∈ {0,1} per eligible
 * pair, y(r,t) ∈ [0,1] the share of need (r,t) met:
 *
 *   maximise   Σ n(r,t)·y(r,t)  −  λ·Σ d(p,r)·x(p,r)
 *   subject to y(r,t) ≤ Σ_p f(p,t)·x(p,r)      for every need (r,t)
 *              Σ_r x(p,r) ≤ cap(p)              for every supporting school p
 *              Σ_p x(p,r) ≤ k                   for every receiver r (k supporting schools at most, default 1)
 *
 * solved by HiGHS with a relative gap of 0: "Optimal" means proven optimal, not within a tolerance.
 * λ (distance penalty per km, default 0.02) makes 50 km cost as much as one low need is worth, so among
 * equally good supporters the nearer wins, and a pair that meets nothing is never worth its distance.
 *
 * Stage 2, alliance memberships: alliances take members without a capacity, so given the pairings each
 * receiver's choice is independent: the one alliance that adds the most, Σ_t n(r,t)·(min(1, c(r,t) + f(a,t))
 * − min(1, c(r,t))) − λ·d(a,r) with c the coverage its pairings give, when that is positive; found by
 * enumeration, exactly. Pairings come first (lexicographically): an alliance suggestion never displaces
 * a pairing, it adds to what the pairing leaves open.
 */

export const NEED_WEIGHTS = { high: 3, medium: 2, low: 1 } as const;
export const STRENGTH_FACTORS = { high: 1, medium: 0.7, low: 0.4 } as const;
export type Level = keyof typeof NEED_WEIGHTS;

export const PAIRING_DEFAULTS = { travelLimitKm: 30, roadFactor: 1.3, distancePenalty: 0.02, maxSupportersPerSchool: 1 } as const;

export interface ModelSchool {
  id: string;
  lat: number | null;
  lng: number | null;
  /** how many schools it can support; 0 = none */
  capacity: number;
  strengths: { tag: string; level: Level }[];
  needs: { tag: string; level: Level }[];
}

export interface ModelAlliance {
  id: string;
  memberSchoolIds: string[];
}

export interface PairingParams {
  travelLimitKm: number;
  roadFactor: number;
  distancePenalty: number;
  maxSupportersPerSchool: number;
}

export interface PairingInput {
  schools: ModelSchool[];
  alliances?: ModelAlliance[];
  params: PairingParams;
  /** road distances entered by hand, keyed by pairKey(a, b) (either order) */
  distanceOverrides?: Map<string, number>;
  /** provider–receiver pairs never to suggest, keyed by `${providerId}>${receiverId}` */
  excluded?: Set<string>;
}

export interface Assignment {
  kind: 'school' | 'alliance';
  providerId: string;
  receiverId: string;
  distanceKm: number;
  /** the receiver's needs this provider offers, best first (need weight × strength factor) */
  tags: string[];
  /** n(r,t)·f(p,t) summed over those tags: what the pair alone is worth before the distance penalty */
  coverage: number;
}

export interface PairingResult {
  status: string;
  objective: number;
  assignments: Assignment[];
  /** how many x variables the model had (eligible pairs) */
  candidatePairs: number;
  solveMs: number;
}

export const pairKey = (a: string, b: string): string => (a < b ? `${a}|${b}` : `${b}|${a}`);

const EARTH_RADIUS_KM = 6371.0088;

export function haversineKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Road distance of two schools in km (1 decimal), or null when neither an override nor both coordinates exist. */
export function roadDistanceKm(a: ModelSchool, b: ModelSchool, roadFactor: number, overrides?: Map<string, number>): number | null {
  const entered = overrides?.get(pairKey(a.id, b.id));
  if (entered !== undefined) return entered;
  if (a.lat === null || a.lng === null || b.lat === null || b.lng === null) return null;
  return Math.round(haversineKm({ lat: a.lat, lng: a.lng }, { lat: b.lat, lng: b.lng }) * roadFactor * 10) / 10;
}

interface Provider {
  kind: 'school' | 'alliance';
  id: string;
  capacity: number | null;
  offers: Map<string, number>;
  /** distance to a receiver, null when unknown */
  distanceTo(receiver: ModelSchool): number | null;
  excludes(receiverId: string): boolean;
}

interface Candidate {
  provider: Provider;
  receiver: ModelSchool;
  distanceKm: number;
  tags: string[];
  coverage: number;
}

function providersOf(input: PairingInput): Provider[] {
  const { schools, params, distanceOverrides, excluded } = input;
  const byId = new Map(schools.map((s) => [s.id, s]));
  const offersOf = (list: ModelSchool[]): Map<string, number> => {
    const offers = new Map<string, number>();
    for (const s of list) for (const st of s.strengths) offers.set(st.tag, Math.max(offers.get(st.tag) ?? 0, STRENGTH_FACTORS[st.level]));
    return offers;
  };
  const providers: Provider[] = schools.filter((s) => s.capacity > 0 && s.strengths.length > 0).map((s) => ({
    kind: 'school', id: s.id, capacity: s.capacity, offers: offersOf([s]),
    distanceTo: (r) => roadDistanceKm(s, r, params.roadFactor, distanceOverrides),
    excludes: (r) => r === s.id || (excluded?.has(`${s.id}>${r}`) ?? false),
  }));
  for (const alliance of input.alliances ?? []) {
    const members = alliance.memberSchoolIds.map((id) => byId.get(id)).filter((s): s is ModelSchool => s !== undefined);
    if (!members.length) continue;
    providers.push({
      kind: 'alliance', id: alliance.id, capacity: null, offers: offersOf(members),
      distanceTo: (r) => {
        const known = members.map((m) => roadDistanceKm(m, r, params.roadFactor, distanceOverrides)).filter((d): d is number => d !== null);
        return known.length ? Math.min(...known) : null;
      },
      excludes: (r) => alliance.memberSchoolIds.includes(r) || (excluded?.has(`${alliance.id}>${r}`) ?? false),
    });
  }
  return providers;
}

/** Every eligible provider–receiver pair with what it offers: the x variables of the model. */
function candidatesOf(input: PairingInput): Candidate[] {
  const candidates: Candidate[] = [];
  const receivers = input.schools.filter((s) => s.needs.length > 0);
  for (const provider of providersOf(input)) {
    for (const receiver of receivers) {
      if (provider.excludes(receiver.id)) continue;
      const offered = receiver.needs
        .filter((n) => provider.offers.has(n.tag))
        .map((n) => ({ tag: n.tag, value: NEED_WEIGHTS[n.level] * (provider.offers.get(n.tag) ?? 0) }))
        .sort((a, b) => b.value - a.value || a.tag.localeCompare(b.tag));
      if (!offered.length) continue;
      const distanceKm = provider.distanceTo(receiver);
      if (distanceKm === null || distanceKm > input.params.travelLimitKm) continue;
      candidates.push({ provider, receiver, distanceKm, tags: offered.map((o) => o.tag), coverage: offered.reduce((sum, o) => sum + o.value, 0) });
    }
  }
  return candidates;
}

const num = (value: number): string => {
  const fixed = value.toFixed(9).replace(/\.?0+$/, '');
  return fixed === '-0' ? '0' : fixed;
};

/**
 * Stage 1 in CPLEX LP format (supporting-school candidates only), with its column count. With one
 * supporting school per receiver (k = 1, the default) a met need's share is f(p,t) of the one pair, so y
 * is left out and each x carries its own coverage: Σ_t n(r,t)·f(p,t) − λ·d(p,r). The same optimum, and a
 * bipartite b-matching whose constraint matrix is totally unimodular: the LP relaxation is integral and
 * HiGHS proves optimality at the root.
 */
export function lpModel(input: PairingInput, candidates: Candidate[], relaxed = false): { lp: string; columns: number } {
  const direct = input.params.maxSupportersPerSchool === 1;
  const objective: string[] = [];
  const rows: string[] = [];
  const binaries: string[] = [];
  const bounds: string[] = [];
  const cover = new Map<string, string[]>(); // need (receiver index, tag) → terms f·x
  const perProvider = new Map<Provider, string[]>();
  const perReceiverSchools = new Map<string, string[]>();
  const receiverIndex = new Map(input.schools.map((s, i) => [s.id, i]));
  candidates.forEach((c, i) => {
    const x = `x${i}`;
    binaries.push(x);
    const penalty = input.params.distancePenalty * c.distanceKm;
    if (direct) {
      const worth = c.coverage - penalty;
      objective.push(`${worth < 0 ? '-' : '+'} ${num(Math.abs(worth))} ${x}`);
    } else if (penalty !== 0) objective.push(`- ${num(penalty)} ${x}`);
    for (const tag of direct ? [] : c.tags) {
      const key = `${receiverIndex.get(c.receiver.id)}:${tag}`;
      const list = cover.get(key) ?? [];
      list.push(`${num(c.provider.offers.get(tag) ?? 0)} ${x}`);
      cover.set(key, list);
    }
    const byProvider = perProvider.get(c.provider) ?? [];
    byProvider.push(x);
    perProvider.set(c.provider, byProvider);
    const list = perReceiverSchools.get(c.receiver.id) ?? [];
    list.push(x);
    perReceiverSchools.set(c.receiver.id, list);
  });
  let columns = candidates.length;
  let needIndex = 0;
  for (const school of input.schools) {
    for (const need of school.needs) {
      const terms = cover.get(`${receiverIndex.get(school.id)}:${need.tag}`);
      if (!terms) continue; // nobody within reach offers it: y would be 0
      const y = `y${needIndex++}`;
      columns++;
      objective.push(`+ ${NEED_WEIGHTS[need.level]} ${y}`);
      rows.push(`c${rows.length}: ${y} ${terms.map((t) => `- ${t}`).join(' ')} <= 0`);
      bounds.push(`0 <= ${y} <= 1`);
    }
  }
  for (const [provider, xs] of perProvider) {
    if (provider.capacity !== null && provider.capacity < xs.length) rows.push(`c${rows.length}: ${xs.join(' + ')} <= ${provider.capacity}`);
  }
  for (const xs of perReceiverSchools.values()) {
    if (xs.length > input.params.maxSupportersPerSchool) rows.push(`c${rows.length}: ${xs.join(' + ')} <= ${input.params.maxSupportersPerSchool}`);
  }
  const lp = [
    'Maximize',
    ` obj: ${objective.length ? objective.join(' ').replace(/^\+ /, '') : '0 x0'}`,
    'Subject To',
    ...(rows.length ? rows.map((r) => ` ${r}`) : [' c0: x0 <= 1']),
    'Bounds',
    ...bounds.map((b) => ` ${b}`),
    ...(relaxed ? binaries.map((x) => ` 0 <= ${x} <= 1`) : ['Binary', ` ${binaries.join(' ')}`]),
    'End',
  ].join('\n');
  return { lp, columns };
}

type HighsSolver = Awaited<ReturnType<typeof loadHighs>>;
let solver: Promise<HighsSolver> | undefined;
const highs = (): Promise<HighsSolver> => (solver ??= loadHighs());
let highsSolver: HighsSolver | undefined;

/**
 * Solves the pairing model (stage 1 with HiGHS, stage 2 by enumeration). An instance with no eligible
 * pairing answers a trivially optimal stage 1 without calling the solver (an LP with no columns is not a
 * model HiGHS reads).
 */
export async function solvePairing(input: PairingInput): Promise<PairingResult> {
  const started = performance.now();
  highsSolver ??= await highs();
  const all = candidatesOf(input);
  const candidates = all.filter((c) => c.provider.kind === 'school');
  let status = 'Optimal';
  let objective = 0;
  let chosen: Candidate[] = [];
  if (candidates.length) {
    // k = 1 is totally unimodular: the simplex vertex of the relaxation is integral (checked), and its
    // optimality is the integer programme's; otherwise, or if a vertex were fractional, the MIP at gap 0
    const relaxed = input.params.maxSupportersPerSchool === 1 ? solveLp(lpModel(input, candidates, true), candidates) : undefined;
    const solved = relaxed && relaxed.integral ? relaxed : solveLp(lpModel(input, candidates), candidates);
    status = solved.status;
    objective = solved.objective;
    chosen = solved.chosen;
  }
  if (status === 'Optimal') {
    const extra = bestAlliances(input, chosen, all.filter((c) => c.provider.kind === 'alliance'));
    chosen = [...chosen, ...extra.chosen];
    objective += extra.value;
  }
  const assignments = chosen.map((c) => ({
    kind: c.provider.kind, providerId: c.provider.id, receiverId: c.receiver.id, distanceKm: c.distanceKm, tags: c.tags,
    coverage: Math.round(c.coverage * 1000) / 1000,
  }));
  return { status, objective, assignments, candidatePairs: all.length, solveMs: performance.now() - started };
}

function solveLp(model: { lp: string; columns: number }, candidates: Candidate[]): { status: string; objective: number; chosen: Candidate[]; integral: boolean } {
  const result = highsSolver!.solve(model.lp, { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 1e-9 });
  // a malformed LP string silently solves another model: the column count shows it
  const solvedColumns = Object.keys(result.Columns ?? {}).length;
  if (solvedColumns !== model.columns) throw new Error(`The pairing model was misread: ${solvedColumns} columns solved, ${model.columns} written`);
  if (result.Status !== 'Optimal') return { status: result.Status, objective: 0, chosen: [], integral: true };
  const values = candidates.map((_, i) => result.Columns[`x${i}`]?.Primal ?? 0);
  return {
    status: result.Status, objective: result.ObjectiveValue, chosen: candidates.filter((_, i) => values[i]! > 0.5),
    integral: values.every((v) => Math.abs(v - Math.round(v)) < 1e-7),
  };
}

/** Stage 2: per receiver, the alliance that adds the most to what its pairings cover, if any adds anything. */
function bestAlliances(input: PairingInput, pairings: Candidate[], alliances: Candidate[]): { chosen: Candidate[]; value: number } {
  const chosen: Candidate[] = [];
  let value = 0;
  const byReceiver = new Map<string, Candidate[]>();
  for (const a of alliances) byReceiver.set(a.receiver.id, [...(byReceiver.get(a.receiver.id) ?? []), a]);
  for (const [receiverId, options] of byReceiver) {
    const own = pairings.filter((p) => p.receiver.id === receiverId);
    const receiver = options[0]!.receiver;
    const covered = (tag: string) => own.reduce((sum, p) => sum + (p.provider.offers.get(tag) ?? 0), 0);
    let best: { candidate: Candidate; gain: number } | undefined;
    for (const option of options) {
      const gain = receiver.needs.reduce((sum, n) => {
        const before = Math.min(1, covered(n.tag));
        return sum + NEED_WEIGHTS[n.level] * (Math.min(1, covered(n.tag) + (option.provider.offers.get(n.tag) ?? 0)) - before);
      }, 0) - input.params.distancePenalty * option.distanceKm;
      const better = !best || gain > best.gain + 1e-9 || (Math.abs(gain - best.gain) <= 1e-9 && option.distanceKm < best.candidate.distanceKm);
      if (gain > 1e-9 && better) best = { candidate: option, gain };
    }
    if (best) {
      chosen.push(best.candidate);
      value += best.gain;
    }
  }
  return { chosen, value };
}

/**
 * The objective of a set of chosen pairs, evaluated directly (y at its largest feasible value), or null
 * when the choice breaks a constraint. The unit test compares the solver with brute force through it.
 */
export function evaluateChoice(input: PairingInput, chosen: { providerId: string; receiverId: string }[]): number | null {
  const candidates = candidatesOf(input);
  const picked = chosen.map((c) => candidates.find((k) => k.provider.id === c.providerId && k.receiver.id === c.receiverId));
  if (picked.some((p) => p === undefined)) return null;
  const pairs = picked as Candidate[];
  const load = new Map<string, number>();
  const schoolsIn = new Map<string, number>();
  const alliancesIn = new Map<string, number>();
  for (const p of pairs) {
    load.set(p.provider.id, (load.get(p.provider.id) ?? 0) + 1);
    const per = p.provider.kind === 'school' ? schoolsIn : alliancesIn;
    per.set(p.receiver.id, (per.get(p.receiver.id) ?? 0) + 1);
  }
  for (const p of pairs) if (p.provider.capacity !== null && (load.get(p.provider.id) ?? 0) > p.provider.capacity) return null;
  if ([...schoolsIn.values()].some((n) => n > input.params.maxSupportersPerSchool) || [...alliancesIn.values()].some((n) => n > 1)) return null;
  let value = -pairs.reduce((sum, p) => sum + input.params.distancePenalty * p.distanceKm, 0);
  for (const school of input.schools) {
    for (const need of school.needs) {
      const supply = pairs.filter((p) => p.receiver.id === school.id && p.tags.includes(need.tag)).reduce((sum, p) => sum + (p.provider.offers.get(need.tag) ?? 0), 0);
      value += NEED_WEIGHTS[need.level] * Math.min(1, supply);
    }
  }
  return value;
}

/** The eligible pairs of an instance (for brute force and for checking that an accepted pair is one). */
export function eligiblePairs(input: PairingInput): { kind: 'school' | 'alliance'; providerId: string; receiverId: string; distanceKm: number; tags: string[] }[] {
  return candidatesOf(input).map((c) => ({ kind: c.provider.kind, providerId: c.provider.id, receiverId: c.receiver.id, distanceKm: c.distanceKm, tags: c.tags }));
}
