import type { ListResourcesQueryDto } from '@jiaolian/contracts';
import { type AccessScope, pageWindow, sortOrder } from '@jiaolian/service-kit';
import { binder } from '../common/access.js';
import { toTsQueryLiteral } from './search-tokens.js';

/*
 * The SQL of a resource search, built apart from the service so the benchmark measures the very
 * statements the service runs. A search is two statements:
 *
 * 1. the summary: the matches counted up to SEARCH_TOTAL_CAP + 1 (so a total past the cap reads
 *    "1000+" and costs no more than 1,001 matches), and optionally facet counts (type, subject,
 *    grade, school) over those same matches;
 * 2. the page: the page's ids ordered and cut first, over the narrow index columns only; then only
 *    those rows are read in full and joined to the school directory.
 *
 * Visibility is a condition on `visibility_keys` (see the 1765650000000 migration), which sits in
 * the same GIN index as the search vector: the index scan itself yields only what the caller may see.
 *
 * Order with a search term, unless the caller sorts otherwise: the best matches first (ts_rank, then
 * newest) when the term has at most SEARCH_TOTAL_CAP matches; past that, newest first (ranking every
 * match of a common term would cost what the page must not, and ts_rank hardly separates so many).
 */

/** Totals stop counting here: a list with more matches answers this number and `totalCapped`. */
export const SEARCH_TOTAL_CAP = 1000;

export interface Statement {
  sql: string;
  params: unknown[];
  /** planner settings for this statement alone (SET LOCAL in the search's transaction, reset after it) */
  settings?: Record<string, string>;
}

/**
 * The schools whose alliance resources the caller reaches: members of the active alliances it
 * administers or that one of its schools is an active member of (the rule of common/access.ts).
 * Looked up before the search, so the search's visibility keys are constants the planner can weigh
 * against the index statistics (an unknown array makes it guess, and it guesses badly).
 */
export function allianceReach(scope: AccessScope): Statement | undefined {
  if (scope.isPlatformAdmin) return undefined;
  return {
    sql: `SELECT DISTINCT om.school_id::text AS school_id FROM directory_member om JOIN directory_alliance da ON da.id = om.alliance_id AND da.status = 'active'
           WHERE om.active AND (da.id = ANY($1::uuid[])
                 OR EXISTS (SELECT 1 FROM directory_member mm WHERE mm.alliance_id = da.id AND mm.active AND mm.school_id = ANY($2::uuid[])))`,
    params: [scope.adminAllianceIds(), scope.schoolIds()],
  };
}

/**
 * Condition "the row's visibility keys meet the caller's": the caller's own schools (s:), the
 * districts it administers (d:) or belongs to (v:, district-wide resources), and the schools it
 * reaches through an active alliance (a:, alliance resources; see allianceReach). Undefined for
 * the platform admin, who sees everything.
 */
export function visibilityCondition(scope: AccessScope, reached: string[], bind: (value: unknown) => string, alias = 'r'): string | undefined {
  if (scope.isPlatformAdmin) return undefined;
  const keys = [
    ...scope.adminDistrictIds().map((id) => `d:${id}`),
    ...scope.schoolIds().map((id) => `s:${id}`),
    ...scope.districtIds().map((id) => `v:${id}`),
    ...reached.map((id) => `a:${id}`),
  ];
  return `${alias}.visibility_keys && ${bind(keys)}::text[]`;
}

export interface ResourceSearch {
  /** capped count (column n), with facet rows when asked (see summarySql) */
  summary: Statement;
  /**
   * the page: `capped` when the summary found more than SEARCH_TOTAL_CAP matches. Then a search
   * term's page is the newest first (unless sorted otherwise) and walks the (created_at DESC, id)
   * index, stopping after the page: the planner's estimate for a phrase (the product of its bigrams'
   * frequencies) can be a hundred times too low and would read every match through the GIN bitmap.
   */
  page: (capped: boolean) => Statement;
  /** whether the caller asked for the best matches first (with a search term and no other sort) */
  wantsRank: boolean;
  /** the search term has nothing searchable (only punctuation): nothing can match */
  empty: boolean;
}

const COLUMNS = `r.id, r.district_id, r.school_id, r.owner_id, r.owner_name, r.type, r.title, r.description, r.subject, r.grade,
  r.edition, r.unit, r.tags, r.licence, r.visibility, r.file_key, r.file_name, r.file_size, r.file_sha256, r.content_type,
  r.version, r.download_count, r.created_at, r.updated_at, s.name AS school_name`;

const SORTS = { createdAt: 'r.created_at', title: 'r.title', downloadCount: 'r.download_count', subject: 'r.subject', grade: 'r.grade', rank: 'rank' };

/** The statements of one search (see the file's comment); `reached`: what allianceReach answered. */
export function resourceSearch(scope: AccessScope, query: ListResourcesQueryDto, reached: string[]): ResourceSearch {
  const { params, bind } = binder();
  const where: string[] = [];
  const visible = visibilityCondition(scope, reached, bind);
  if (visible) where.push(visible);
  if (query.type) where.push(`r.type = ${bind(query.type)}`);
  if (query.subject) where.push(`r.subject = ${bind(query.subject)}`);
  if (query.grade) where.push(`r.grade = ${bind(query.grade)}`);
  if (query.schoolId) where.push(`r.school_id = ${bind(query.schoolId)}`);
  if (query.visibility) where.push(`r.visibility = ${bind(query.visibility)}`);
  const tsquery = query.q ? toTsQueryLiteral(query.q) : null;
  const empty = Boolean(query.q && !tsquery);
  let q: string | undefined;
  if (tsquery) {
    q = `${bind(tsquery)}::tsquery`;
    where.push(`r.search @@ ${q}`);
  }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const base = [...params];
  const order = sortOrder(query.sort, SORTS, tsquery ? '-rank' : '-createdAt');
  const wantsRank = Boolean(tsquery) && order.column === 'rank';

  const cap = SEARCH_TOTAL_CAP + 1;
  const summary: Statement = query.facets
    ? {
      sql: `WITH m AS MATERIALIZED (SELECT r.type, r.subject, r.grade, r.school_id FROM resource r ${filter} LIMIT ${cap}),
            f AS (SELECT GROUPING(m.type, m.subject, m.grade, m.school_id) AS g, m.type, m.subject, m.grade, m.school_id, count(*)::int AS n
                    FROM m GROUP BY GROUPING SETS ((), (m.type), (m.subject), (m.grade), (m.school_id)))
            SELECT f.g, f.type, f.subject, f.grade, f.school_id, s.name AS school_name, f.n
              FROM f LEFT JOIN directory_school s ON s.id = f.school_id
             ORDER BY f.g, f.n DESC, f.type, f.subject, f.grade, s.name`,
      params: base,
    }
    : { sql: `SELECT count(*)::int AS n, 15 AS g FROM (SELECT 1 FROM resource r ${filter} LIMIT ${cap}) m`, params: base };

  const page = (capped: boolean): Statement => {
    const ranked = wantsRank && !capped;
    const window = pageWindow(query);
    const pageParams = [...base];
    const at = (value: unknown): string => `$${pageParams.push(value)}`;
    const rank = ranked && q ? `ts_rank(r.search, ${q})` : 'NULL::real';
    // the caller's sort; "best first" without ranking (a common term) is newest first
    const [key, direction] = order.column === 'rank'
      ? (ranked ? ['rank', 'DESC'] : ['r.created_at', 'DESC'])
      : [order.column, order.direction];
    const sortKey = key === 'rank' ? rank : key;
    // created_at and id are NOT NULL: sorted exactly as the (created_at DESC, id) index is, so a
    // newest-first page can walk that index and stop after the page
    const nulls = sortKey === 'r.created_at' ? '' : ' NULLS LAST';
    return {
      sql: `WITH page AS MATERIALIZED (
              SELECT r.id, ${rank} AS rank, ${sortKey} AS sort_key, r.created_at FROM resource r ${filter}
               ORDER BY ${sortKey} ${direction}${nulls}, r.created_at DESC, r.id
               LIMIT ${at(window.pageSize)} OFFSET ${at(window.offset)})
            SELECT ${COLUMNS}, page.rank
              FROM page JOIN resource r ON r.id = page.id LEFT JOIN directory_school s ON s.id = r.school_id
             ORDER BY page.sort_key ${direction}${nulls}, page.created_at DESC, page.id`,
      params: pageParams,
      ...(capped && tsquery && sortKey === 'r.created_at' ? { settings: { enable_bitmapscan: 'off', enable_seqscan: 'off' } } : {}),
    };
  };
  return { summary, page, wantsRank, empty };
}
