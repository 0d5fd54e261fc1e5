// The analysis statements on their own (no imports), so the benchmark runs exactly what the service runs.

/*
 * Every figure is computed by PostgreSQL in two scans of the exam's scores: one GROUPING SETS query
 * gives the alliance, each school and each class per subject (count, mean, stddev_pop,
 * percentile_cont median, max, min, pass/excellent/low counts) with ranks from window functions;
 * one query counts the score bands per school. Nothing per student comes back to the service.
 */
export const AGGREGATES = `
  WITH lines AS (
    SELECT * FROM jsonb_to_recordset($2::jsonb) AS l(name text, "fullMarks" numeric, "passLine" numeric, "excellentLine" numeric, "lowLine" numeric)
  ), agg AS (
    SELECT sc.subject, sc.school_id, sc.class_name, GROUPING(sc.school_id, sc.class_name) AS level,
           count(*)::int AS count, avg(sc.score)::float8 AS mean, stddev_pop(sc.score)::float8 AS stddev,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY sc.score)::float8 AS median,
           max(sc.score)::float8 AS max, min(sc.score)::float8 AS min,
           (count(*) FILTER (WHERE sc.score >= l."passLine"))::int AS pass,
           (count(*) FILTER (WHERE sc.score >= l."excellentLine"))::int AS excellent,
           (count(*) FILTER (WHERE sc.score < l."lowLine"))::int AS low
      FROM score sc JOIN lines l ON l.name = sc.subject
     WHERE sc.exam_id = $1
     GROUP BY sc.subject, GROUPING SETS ((), (sc.school_id), (sc.school_id, sc.class_name))
  )
  SELECT agg.*,
         max(agg.mean) FILTER (WHERE agg.level = 3) OVER (PARTITION BY agg.subject) AS alliance_mean,
         CASE WHEN agg.level <> 3 THEN rank() OVER (PARTITION BY agg.subject, agg.level ORDER BY agg.mean DESC) END::int AS rank,
         CASE WHEN agg.level = 0 THEN rank() OVER (PARTITION BY agg.subject, agg.level, agg.school_id ORDER BY agg.mean DESC) END::int AS rank_in_school
    FROM agg`;

export const BANDS = `
  WITH lines AS (SELECT * FROM jsonb_to_recordset($2::jsonb) AS l(name text, "fullMarks" numeric))
  SELECT sc.subject, sc.school_id,
         LEAST(floor(sc.score / $3)::int, GREATEST(1, ceil(l."fullMarks" / $3)::int) - 1) AS band, count(*)::int AS count
    FROM score sc JOIN lines l ON l.name = sc.subject
   WHERE sc.exam_id = $1
   GROUP BY 1, 2, 3`;

/** Per sort of one analysis statement (two run at once); at 4 MB a 200,000-student exam's sort goes to disk. */
export const ANALYSIS_WORK_MEM = '64MB';
