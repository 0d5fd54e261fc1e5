// The analysis statements on their own (no imports), so the benchmark runs exactly what the service runs.

/*
 * Every figure is computed by PostgreSQL in two scans of the exam's scores: one GROUPING SETS query
 * gives the alliance, each school and each class per subject (count, mean, stddev_pop,
 * percentile_cont median, max, min, pass/excellent/low counts, absent and exempt counts) with ranks
 * from window functions; one query counts the score bands per school. Nothing per student comes back
 * to the service. Absent (缺考) and exempt (免考) rows have no score: the aggregates skip NULLs, so
 * they count only where counted by status, and a group in which nobody sat has no rank.
 */
export const AGGREGATES = `
  WITH lines AS (
    SELECT * FROM jsonb_to_recordset($2::jsonb) AS l(name text, "fullMarks" numeric, "passLine" numeric, "excellentLine" numeric, "lowLine" numeric)
  ), agg AS (
    SELECT sc.subject, sc.school_id, sc.class_name, GROUPING(sc.school_id, sc.class_name) AS level,
           count(sc.score)::int AS count, avg(sc.score)::float8 AS mean, stddev_pop(sc.score)::float8 AS stddev,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY sc.score)::float8 AS median,
           max(sc.score)::float8 AS max, min(sc.score)::float8 AS min,
           (count(*) FILTER (WHERE sc.score >= l."passLine"))::int AS pass,
           (count(*) FILTER (WHERE sc.score >= l."excellentLine"))::int AS excellent,
           (count(*) FILTER (WHERE sc.score < l."lowLine"))::int AS low,
           (count(*) FILTER (WHERE sc.status = 'absent'))::int AS absent,
           (count(*) FILTER (WHERE sc.status = 'exempt'))::int AS exempt
      FROM score sc JOIN lines l ON l.name = sc.subject
     WHERE sc.exam_id = $1
     GROUP BY sc.subject, GROUPING SETS ((), (sc.school_id), (sc.school_id, sc.class_name))
  )
  SELECT agg.*,
         max(agg.mean) FILTER (WHERE agg.level = 3) OVER (PARTITION BY agg.subject) AS alliance_mean,
         CASE WHEN agg.level <> 3 AND agg.count > 0 THEN rank() OVER (PARTITION BY agg.subject, agg.level ORDER BY agg.mean DESC NULLS LAST) END::int AS rank,
         CASE WHEN agg.level = 0 AND agg.count > 0 THEN rank() OVER (PARTITION BY agg.subject, agg.level, agg.school_id ORDER BY agg.mean DESC NULLS LAST) END::int AS rank_in_school
    FROM agg`;

export const BANDS = `
  WITH lines AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS l(name text, "fullMarks" numeric))
  SELECT sc.subject, sc.school_id,
         LEAST(floor(sc.score / $3)::int, GREATEST(1, ceil(l."fullMarks" / $3)::int) - 1) AS band, count(*)::int AS count
    FROM score sc JOIN lines l ON l.name = sc.subject
   WHERE sc.exam_id = $1 AND sc.score IS NOT NULL
   GROUP BY 1, 2, 3`;

/** Per sort of one analysis statement (two run at once); at 4 MB a 200,000-student exam's sort goes to disk. */
export const ANALYSIS_WORK_MEM = '64MB';

/*
 * The 一分一段表 in one scan: each student's score (the sum over the subjects in $2; a student counts only
 * with a score in every one of them, so one subject is the same query, and a student absent or exempt
 * in any of them is left out of the bands and counted as absent or exempt), bands of width $3 as
 * [floor(score / $3) * $3, + $3), counted for the school $4 (or everyone when null) and for the alliance,
 * with running sums from the top band down. Numeric arithmetic keeps half points exact.
 */
export const DISTRIBUTION = `
  WITH students AS (
    SELECT sc.school_id, sum(sc.score) AS score
      FROM score sc
     WHERE sc.exam_id = $1 AND sc.subject = ANY($2::text[]) AND sc.score IS NOT NULL
     GROUP BY sc.student_no, sc.school_id
    HAVING count(*) = cardinality($2::text[])
  ), bands AS (
    SELECT floor(s.score / $3::numeric) * $3::numeric AS low,
           (count(*) FILTER (WHERE $4::uuid IS NULL OR s.school_id = $4::uuid))::int AS count,
           count(*)::int AS alliance_count
      FROM students s
     GROUP BY 1
  ), ranked AS (
    SELECT b.low, b.count,
           sum(b.count) OVER (ORDER BY b.low DESC)::int AS cumulative,
           sum(b.count) OVER ()::int AS total,
           sum(b.alliance_count) OVER (ORDER BY b.low DESC)::int AS alliance_cumulative
      FROM bands b
  )
  SELECT r.low::float8 AS low, (r.low + $3::numeric)::float8 AS high, r.count, r.cumulative, r.total, r.alliance_cumulative
    FROM ranked r
   WHERE r.count > 0
   ORDER BY r.low DESC`;

/*
 * The students the 一分一段表 leaves out for a mark: absent (缺考) in any of the subjects in $2, else
 * exempt (免考) in any, counted for the school $3 (or everyone when null).
 */
export const DISTRIBUTION_MARKS = `
  WITH marked AS (
    SELECT bool_or(sc.status = 'absent') AS absent
      FROM score sc
     WHERE sc.exam_id = $1 AND sc.subject = ANY($2::text[]) AND sc.status <> 'present' AND ($3::uuid IS NULL OR sc.school_id = $3::uuid)
     GROUP BY sc.student_no
  )
  SELECT (count(*) FILTER (WHERE absent))::int AS absent, (count(*) FILTER (WHERE NOT absent))::int AS exempt FROM marked`;
