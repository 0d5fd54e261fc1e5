import { dashboardSubject, type DashboardFiguresView } from '@jiaolian/contracts';
import { AccessScope, Scope } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { examVisibility } from '../common/access.js';

/** Key figures of the caller's visible exams: open for scores, published, corrections in the last 30 days. */
@Controller()
export class DashboardController {
  constructor(private readonly dataSource: DataSource) {}

  @MessagePattern(dashboardSubject('assessment'))
  async figures(@Scope() scope: AccessScope): Promise<DashboardFiguresView> {
    const visibility = examVisibility(scope, 1);
    const [row]: { open: number; published: number; draft: number; corrections: number }[] = await this.dataSource.query(
      `WITH visible AS (SELECT e.id, e.status FROM exam e ${visibility ? `WHERE ${visibility.sql}` : ''})
       SELECT count(*) FILTER (WHERE status = 'open')::int AS open,
              count(*) FILTER (WHERE status IN ('published', 'archived'))::int AS published,
              count(*) FILTER (WHERE status = 'draft')::int AS draft,
              (SELECT count(*)::int FROM score_correction c WHERE c.exam_id IN (SELECT id FROM visible) AND c.corrected_at > now() - interval '30 days') AS corrections
         FROM visible`,
      visibility?.params ?? [],
    );
    const r = row ?? { open: 0, published: 0, draft: 0, corrections: 0 };
    return {
      service: 'assessment',
      figures: [
        { key: 'exams.open', value: r.open, unit: 'count', tone: r.open > 0 ? 'warning' : 'ok' },
        { key: 'exams.published', value: r.published, unit: 'count' },
        { key: 'exams.draft', value: r.draft, unit: 'count' },
        { key: 'scores.corrections30d', value: r.corrections, unit: 'count' },
      ],
    };
  }
}
