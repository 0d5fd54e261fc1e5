import type {
  AnswerDto, IssuedTokensView, IssueTokensDto, PublicSurveyView, ResponseReceiptView, SubmitSurveyResponseDto, SurveyAudience, TokenBatchView,
} from '@jiaolian/contracts';
import { AccessScope, AuditWriter, ConflictError, ForbiddenError, NotFoundError, ValidationError } from '@jiaolian/service-kit';
import { Injectable } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { iso } from '../common/access.js';
import { isAccepting, normalizeAnswers, type StoredAnswers } from './survey.rules.js';
import { canManageSurvey, SurveyStore, type Survey } from './survey.store.js';

/** Where links point when the request does not say where the console is served (local use). */
const DEFAULT_LINK_BASE = process.env['SURVEY_LINK_BASE'] ?? 'http://localhost:5173';

const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');
/** 128 random bits, URL-safe: unguessable, and short enough for a QR code a phone reads at arm's length. */
const newToken = (): string => randomBytes(16).toString('base64url');

/** The Asia/Shanghai day: the only time a response keeps, too coarse to line it up with a token or a login. */
const shanghaiDay = (now: Date): string => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

interface BatchRow {
  id: string; survey_id: string; school_id: string; school_name: string | null; audience: SurveyAudience; label: string; count: number; used: number; created_at: Date;
}

/**
 * Answering surveys: signed-in teachers in the console, everyone else through one-time links.
 *
 * A link's token is kept only as a hash with a used flag. Claiming the token (or recording that an account
 * has answered) and storing the response are two separate transactions, so no transaction id, commit
 * order within one transaction, or row written together ties a token or an account to the answers. If
 * storing the response fails, the claim is released so that the link can be used again.
 */
@Injectable()
export class SurveyAnswersService {
  constructor(private readonly dataSource: DataSource, private readonly store: SurveyStore, private readonly audit: AuditWriter) {}

  /** Issues `count` one-time links for a school and audience; the links are in the reply only. */
  async issueTokens(scope: AccessScope, surveyId: string, dto: IssueTokensDto): Promise<IssuedTokensView> {
    return this.dataSource.transaction(async (manager) => {
      const survey = await this.store.visible(scope, surveyId, manager);
      if (!canManageSurvey(scope, survey)) throw ForbiddenError.of('assessment.survey.manage-forbidden');
      if (survey.status === 'closed') throw ConflictError.of('assessment.survey.closed');
      if (!survey.schoolIds.includes(dto.schoolId)) throw ValidationError.of('schoolId', 'assessment.survey.school-not-covered');
      if (!survey.audiences.includes(dto.audience)) throw ValidationError.of('audience', 'assessment.survey.not-audience', { surveyAudience: dto.audience });
      const [{ id }]: { id: string }[] = await manager.query(
        `INSERT INTO survey_token_batch (survey_id, school_id, audience, label, count, created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
        [surveyId, dto.schoolId, dto.audience, dto.label?.trim() ?? '', dto.count, scope.caller.id],
      );
      const tokens = Array.from({ length: dto.count }, newToken);
      await manager.query(
        'INSERT INTO survey_token (token_hash, batch_id) SELECT h, $2 FROM unnest($1::text[]) AS h',
        [tokens.map(hashToken), id],
      );
      await this.audit.record(manager, scope.caller, {
        districtId: survey.districtId, action: 'survey.links-issued', entityType: 'survey', entityId: surveyId,
        after: { batchId: id, schoolId: dto.schoolId, audience: dto.audience, count: dto.count },
      });
      const [batch] = await this.batchRows(manager, surveyId, id);
      const base = (dto.linkBase ?? DEFAULT_LINK_BASE).replace(/\/+$/, '');
      return { ...this.batchView(batch!), links: tokens.map((token, i) => ({ no: i + 1, token, url: `${base}/s/${token}` })) };
    });
  }

  async batches(scope: AccessScope, surveyId: string): Promise<TokenBatchView[]> {
    const survey = await this.store.visible(scope, surveyId);
    if (!canManageSurvey(scope, survey)) throw ForbiddenError.of('assessment.survey.manage-forbidden');
    return (await this.batchRows(this.dataSource.manager, surveyId)).map((b) => this.batchView(b));
  }

  /** The questionnaire behind a link, while the link is unused and the survey accepts answers. */
  async publicGet(token: string, now = new Date()): Promise<PublicSurveyView> {
    const { survey, schoolId, audience, used } = await this.byToken(token);
    if (used) throw ConflictError.of('assessment.survey.link-used');
    this.assertAccepting(survey, now);
    const names = await this.dataSource.query('SELECT name FROM directory_school WHERE id = $1', [schoolId]) as { name: string }[];
    return {
      title: survey.title, description: survey.description, schoolName: names[0]?.name ?? '', audience, anonymous: survey.anonymous,
      closesAt: iso(survey.closesAt), questions: survey.questions,
    };
  }

  /** One response through a link: the answers are checked first, then the token is claimed once, then the response stored. */
  async publicAnswer(token: string, answers: AnswerDto[], now = new Date()): Promise<ResponseReceiptView> {
    const { survey, schoolId, audience, used } = await this.byToken(token);
    if (used) throw ConflictError.of('assessment.survey.link-used');
    this.assertAccepting(survey, now);
    const stored = normalizeAnswers(survey.questions, answers);
    // a SELECT over the UPDATE: TypeORM answers a bare UPDATE … RETURNING with [rows, count], whose length is always 2
    const claimed: unknown[] = await this.dataSource.query(
      'WITH claimed AS (UPDATE survey_token SET used = true WHERE token_hash = $1 AND NOT used RETURNING 1) SELECT 1 FROM claimed', [hashToken(token)],
    );
    // a concurrent answer through the same link claimed it first
    if (!claimed.length) throw ConflictError.of('assessment.survey.link-used');
    await this.storeResponse(survey, schoolId, audience, null, stored, now, () =>
      this.dataSource.query('UPDATE survey_token SET used = false WHERE token_hash = $1', [hashToken(token)]));
    return { accepted: true };
  }

  /** A signed-in teacher's response: once per account, counted in the group of their school. */
  async respond(scope: AccessScope, surveyId: string, dto: SubmitSurveyResponseDto, now = new Date()): Promise<ResponseReceiptView> {
    const survey = await this.store.visible(scope, surveyId);
    const schools = this.store.teacherSchools(scope, survey);
    if (!survey.audiences.includes('teachers') || !schools.length) throw ForbiddenError.of('assessment.survey.not-audience', { surveyAudience: 'teachers' });
    if (dto.schoolId !== undefined && !schools.includes(dto.schoolId)) throw ValidationError.of('schoolId', 'assessment.survey.school-not-covered');
    this.assertAccepting(survey, now);
    const stored = normalizeAnswers(survey.questions, dto.answers);
    const schoolId = dto.schoolId ?? (schools[0] as string);
    const claimed: unknown[] = await this.dataSource.query(
      'INSERT INTO survey_participant (survey_id, account_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING 1', [surveyId, scope.caller.id],
    );
    if (!claimed.length) throw ConflictError.of('assessment.survey.already-answered');
    await this.storeResponse(survey, schoolId, 'teachers', survey.anonymous ? null : scope.caller.id, stored, now, () =>
      this.dataSource.query('DELETE FROM survey_participant WHERE survey_id = $1 AND account_id = $2', [surveyId, scope.caller.id]));
    return { accepted: true };
  }

  // --- helpers ---

  private async storeResponse(
    survey: Survey, schoolId: string, audience: SurveyAudience, respondentId: string | null, answers: StoredAnswers, now: Date, release: () => Promise<unknown>,
  ): Promise<void> {
    try {
      await this.dataSource.query(
        'INSERT INTO survey_response (survey_id, school_id, audience, submitted_on, respondent_id, answers) VALUES ($1, $2, $3, $4, $5, $6)',
        [survey.id, schoolId, audience, shanghaiDay(now), respondentId, JSON.stringify(answers)],
      );
    } catch (error) {
      await release().catch(() => undefined);
      throw error;
    }
  }

  private assertAccepting(survey: Survey, now: Date): void {
    if (survey.status === 'closed') throw ConflictError.of('assessment.survey.closed');
    if (!isAccepting(survey, now)) {
      throw ConflictError.of('assessment.survey.not-accepting', { opensAt: iso(survey.opensAt), closesAt: iso(survey.closesAt) });
    }
  }

  private async byToken(token: string): Promise<{ survey: Survey; schoolId: string; audience: SurveyAudience; used: boolean }> {
    const rows: { survey_id: string; school_id: string; audience: SurveyAudience; used: boolean }[] = await this.dataSource.query(
      `SELECT b.survey_id, b.school_id, b.audience, t.used FROM survey_token t JOIN survey_token_batch b ON b.id = t.batch_id WHERE t.token_hash = $1`,
      [hashToken(token)],
    );
    const row = rows[0];
    if (!row) throw new NotFoundError('Survey link', token.slice(0, 4));
    const survey = await this.store.byId(row.survey_id);
    return { survey, schoolId: row.school_id, audience: row.audience, used: row.used };
  }

  private batchRows(manager: DataSource['manager'], surveyId: string, batchId?: string): Promise<BatchRow[]> {
    return manager.query(
      `SELECT b.*, ds.name AS school_name, (SELECT count(*)::int FROM survey_token t WHERE t.batch_id = b.id AND t.used) AS used
         FROM survey_token_batch b LEFT JOIN directory_school ds ON ds.id = b.school_id
        WHERE b.survey_id = $1 ${batchId ? 'AND b.id = $2' : ''} ORDER BY b.created_at, b.id`,
      batchId ? [surveyId, batchId] : [surveyId],
    );
  }

  private batchView(b: BatchRow): TokenBatchView {
    return {
      id: b.id, surveyId: b.survey_id, school: { id: b.school_id, name: b.school_name ?? '' }, audience: b.audience, label: b.label, count: b.count,
      used: b.used, createdAt: iso(b.created_at),
    };
  }
}
