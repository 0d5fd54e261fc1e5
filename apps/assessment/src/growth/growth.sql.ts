// The growth statements on their own (no imports), so a benchmark can run exactly what the service runs.

/**
 * Mean and population sd of one subject in one exam over the students who sat it (absent and exempt
 * rows have no score): the scale each exam's T scores are taken on.
 */
export const SUBJECT_SCALE = `
  SELECT count(sc.score)::int AS n, coalesce(avg(sc.score), 0)::float8 AS mean, coalesce(stddev_pop(sc.score), 0)::float8 AS sd
    FROM score sc
   WHERE sc.exam_id = $1 AND sc.subject = $2 AND sc.score IS NOT NULL`;

/**
 * Students of the current exam ($1) with a score in the subject ($3) who also have one in the prior
 * exam ($2) under the same student number; both exams are of one district, so the number links one
 * student. The class is the current one. Ordered so that the fit and the figures do not depend on the
 * plan PostgreSQL picks.
 */
export const LINKED_SCORES = `
  SELECT cur.student_no, cur.school_id, cur.class_name, cur.score::float8 AS current, pri.score::float8 AS prior
    FROM score cur
    JOIN score pri ON pri.exam_id = $2 AND pri.student_no = cur.student_no AND pri.subject = cur.subject AND pri.score IS NOT NULL
   WHERE cur.exam_id = $1 AND cur.subject = $3 AND cur.score IS NOT NULL
   ORDER BY cur.student_no`;

/** One school's students with a score in the subject of one exam, and their mean raw score. */
export const SCHOOL_MEAN = `
  SELECT count(sc.score)::int AS n, avg(sc.score)::float8 AS mean
    FROM score sc
   WHERE sc.exam_id = $1 AND sc.subject = $2 AND sc.school_id = $3 AND sc.score IS NOT NULL`;
