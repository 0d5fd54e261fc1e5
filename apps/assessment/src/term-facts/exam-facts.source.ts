import { previousTerm, TERM_FACT_KEYS, type TermFact, type TermFactSource } from '@jiaolian/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

const round4 = (x: number): number => Math.round(x * 10_000) / 10_000;

/**
 * Per school over a term's published (or archived) unified exams of a district: the 超均率 of each
 * exam subject ((school mean − alliance mean) / alliance mean, as the quality analysis computes it),
 * averaged over the exams and subjects the school sat; numerator the sum, denominator the count. The
 * change is this term's figure less the previous term's, for schools with exams in both terms.
 */
@Injectable()
export class ExamFactsSource implements TermFactSource {
  readonly keys = [TERM_FACT_KEYS.aboveMeanRatio, TERM_FACT_KEYS.aboveMeanChange] as const;

  constructor(private readonly dataSource: DataSource) {}

  async facts(districtId: string, term: string): Promise<TermFact[]> {
    const current = await this.ratios(districtId, term);
    const previous = await this.ratios(districtId, previousTerm(term));
    const facts: TermFact[] = [];
    for (const [schoolId, r] of current) {
      facts.push({ key: TERM_FACT_KEYS.aboveMeanRatio, schoolId, value: round4(r.sum / r.count), numerator: round4(r.sum), denominator: r.count });
      const before = previous.get(schoolId);
      if (before) facts.push({ key: TERM_FACT_KEYS.aboveMeanChange, schoolId, value: round4(r.sum / r.count - before.sum / before.count) });
    }
    return facts;
  }

  private async ratios(districtId: string, term: string): Promise<Map<string, { sum: number; count: number }>> {
    const rows: { school_id: string; sum: number; count: number }[] = await this.dataSource.query(
      `WITH exams AS (
         SELECT id FROM exam WHERE district_id = $1 AND term = $2 AND status IN ('published', 'archived')
       ), schools AS (
         SELECT sc.exam_id, sc.subject, sc.school_id, avg(sc.score)::float8 AS mean
           FROM score sc JOIN exams e ON e.id = sc.exam_id WHERE sc.score IS NOT NULL GROUP BY 1, 2, 3
       ), alliance AS (
         SELECT sc.exam_id, sc.subject, avg(sc.score)::float8 AS mean
           FROM score sc JOIN exams e ON e.id = sc.exam_id WHERE sc.score IS NOT NULL GROUP BY 1, 2
       )
       SELECT s.school_id, sum((s.mean - a.mean) / a.mean)::float8 AS sum, count(*)::int AS count
         FROM schools s JOIN alliance a USING (exam_id, subject)
        WHERE a.mean > 0
        GROUP BY s.school_id`,
      [districtId, term],
    );
    return new Map(rows.map((r) => [r.school_id, { sum: r.sum, count: r.count }]));
  }
}
