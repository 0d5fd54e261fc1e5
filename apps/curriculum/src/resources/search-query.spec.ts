import { AccessScope } from '@jiaolian/service-kit';
import { allianceReach, resourceSearch, SEARCH_TOTAL_CAP } from './search-query.js';

const district = '11111111-1111-4111-8111-111111111111';
const school = '22222222-2222-4222-8222-222222222222';
const partner = '33333333-3333-4333-8333-333333333333';
const teacher = new AccessScope({ kind: 'user', id: 't', requestId: 'r', assignments: [{ role: 'teacher', districtId: district, schoolId: school }] });
const platform = new AccessScope({ kind: 'user', id: 'p', requestId: 'r', assignments: [{ role: 'platform_admin', districtId: '*' }] });

describe('resource search statements', () => {
  it('gives a teacher the keys of the own school, the district-wide resources and the reached partners\' alliance resources, nothing else', () => {
    const search = resourceSearch(teacher, { q: '农耕' }, [partner]);
    expect(search.summary.sql).toContain('r.visibility_keys && $1::text[]');
    expect(search.summary.params[0]).toEqual([`s:${school}`, `v:${district}`, `a:${partner}`]);
    expect(allianceReach(teacher)?.params).toEqual([[], [school]]);
  });

  it('puts no visibility condition on the platform admin', () => {
    expect(allianceReach(platform)).toBeUndefined();
    expect(resourceSearch(platform, {}, []).summary.sql).not.toContain('visibility_keys');
  });

  it('counts one past the cap, so a total past it reads "1000+"', () => {
    expect(resourceSearch(teacher, { q: '古诗' }, []).summary.sql).toContain(`LIMIT ${SEARCH_TOTAL_CAP + 1}`);
  });

  it('ranks a term with few matches, and pages a common term newest first along the created_at index', () => {
    const search = resourceSearch(teacher, { q: '古诗', page: 3 }, []);
    const few = search.page(false);
    expect(few.sql).toContain('ts_rank(r.search, $2::tsquery) AS rank');
    expect(few.settings).toBeUndefined();
    expect(few.params.slice(-2)).toEqual([20, 40]);
    const many = search.page(true);
    expect(many.sql).not.toContain('ts_rank');
    expect(many.sql).toContain('ORDER BY r.created_at DESC, r.created_at DESC, r.id');
    expect(many.settings).toEqual({ enable_bitmapscan: 'off', enable_seqscan: 'off' });
  });

  it('keeps the caller\'s own sort, and marks a term of punctuation only as matching nothing', () => {
    expect(resourceSearch(teacher, { q: '古诗', sort: 'title' }, []).page(true).sql).toContain('r.title AS sort_key');
    expect(resourceSearch(teacher, { q: '，。' }, []).empty).toBe(true);
  });
});
