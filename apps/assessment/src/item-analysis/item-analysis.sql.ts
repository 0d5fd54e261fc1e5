/*
 * The item analysis in PostgreSQL: one pass over a subject's item_score rows (200,000 for a district
 * exam) unnesting the item arrays. $1 exam, $2 subject.
 */

/** Students with item scores and the sums of their totals, for the group size and the variance of totals. */
export const TOTALS = `
  SELECT count(*)::int AS n, coalesce(sum(total), 0) AS st, coalesce(sum(total * total), 0) AS stt
    FROM item_score WHERE exam_id = $1 AND subject = $2`;

/**
 * Per item (1-based, in paper order): the moments of the item score x and the rest of the total
 * (total − x), and the mean item score of the upper and lower groups of $3 students each: the first $3
 * by total descending and the last $3 (ties by student number, the lower group in exactly the reverse
 * order of the upper).
 */
export const ITEM_MOMENTS = `
  WITH s AS MATERIALIZED (
    SELECT scores, total,
           row_number() OVER (ORDER BY total DESC, student_no) AS hi,
           row_number() OVER (ORDER BY total, student_no DESC) AS lo
      FROM item_score WHERE exam_id = $1 AND subject = $2
  )
  SELECT u.i::int AS item, count(*)::int AS n, sum(u.x) AS sx, sum(u.x * u.x) AS sxx, sum(s.total - u.x) AS sy,
         sum((s.total - u.x) * (s.total - u.x)) AS syy, sum(u.x * (s.total - u.x)) AS sxy,
         avg(u.x) FILTER (WHERE s.hi <= $3) AS upper, avg(u.x) FILTER (WHERE s.lo <= $3) AS lower
    FROM s, unnest(s.scores) WITH ORDINALITY AS u(x, i)
   GROUP BY u.i ORDER BY u.i`;

/** Students per chosen option of each item, from rows whose sheet gave options. */
export const OPTION_COUNTS = `
  SELECT u.i::int AS item, u.c AS option, count(*)::int AS n
    FROM item_score s, unnest(s.choices) WITH ORDINALITY AS u(c, i)
   WHERE s.exam_id = $1 AND s.subject = $2 AND s.choices IS NOT NULL AND u.c IS NOT NULL
   GROUP BY u.i, u.c`;

/**
 * Per knowledge point, for the alliance, each school and each class: students, points scored on the
 * point's items and their full marks. $3: the (item, knowledge point, full marks) pairs as JSON.
 */
export const KNOWLEDGE_POINT_RATES = `
  WITH tags AS (SELECT * FROM jsonb_to_recordset($3::jsonb) AS t(i int, kp text, full_marks numeric))
  SELECT t.kp, s.school_id, s.class_name, grouping(s.school_id, s.class_name)::int AS level,
         count(DISTINCT s.student_no)::int AS students, sum(s.scores[t.i]) AS scored, sum(t.full_marks) AS possible
    FROM item_score s CROSS JOIN tags t
   WHERE s.exam_id = $1 AND s.subject = $2
   GROUP BY GROUPING SETS ((t.kp), (t.kp, s.school_id), (t.kp, s.school_id, s.class_name))`;
