import { ArrayMaxSize, IsArray, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import type { ServiceName } from '../common/health.js';
import { SURVEY_SATISFACTION_FACT } from '../common/term-facts.js';
import { TERM_PATTERN } from '../common/terms.js';

/*
 * The term facts evaluation indicators are computed from (common/term-facts.ts), with what each one
 * means in zh-CN and English, so that an indicator can explain its source and the console can show it.
 */

/**
 * count: a number of things (absent for a school means none: 0 when its service answered);
 * rate: 0–1 with numerator and denominator (absent means no data);
 * ratio: a signed figure such as 超均率 (absent means no data).
 */
export const TERM_FACT_KINDS = ['count', 'rate', 'ratio'] as const;
export type TermFactKind = (typeof TERM_FACT_KINDS)[number];

export interface TermFactInfo {
  service: ServiceName;
  kind: TermFactKind;
  'zh-CN': string;
  en: string;
}

export const TERM_FACT_KEYS = {
  milestonesOnTime: 'activities.plans.milestones-on-time',
  activitiesHeld: 'activities.joint-activities.held',
  activitiesAttended: 'activities.joint-activities.attended',
  checkInRate: 'activities.check-in-rate',
  quotaCompletion: 'teacher-exchange.quota.completion',
  placementsCompleted: 'teacher-exchange.placements.completed',
  itinerantPeriods: 'teacher-exchange.itinerant.periods',
  resourcesContributed: 'curriculum.resources.contributed',
  resourcesUsedByOthers: 'curriculum.resources.used-by-others',
  facilityBookings: 'curriculum.facilities.shared-bookings',
  aboveMeanRatio: 'assessment.exams.above-mean-ratio',
  aboveMeanChange: 'assessment.exams.above-mean-change',
  satisfaction: SURVEY_SATISFACTION_FACT,
} as const;
export type TermFactKey = (typeof TERM_FACT_KEYS)[keyof typeof TERM_FACT_KEYS];

export const TERM_FACT_CATALOGUE: Record<TermFactKey, TermFactInfo> = {
  [TERM_FACT_KEYS.milestonesOnTime]: {
    service: 'activities', kind: 'rate',
    'zh-CN': '学期工作计划中已到期的里程碑按期完成的比例（按期完成数 / 到期数）',
    en: 'Share of the work plan milestones due so far that were done by their due day (on time / due)',
  },
  [TERM_FACT_KEYS.activitiesHeld]: {
    service: 'activities', kind: 'count',
    'zh-CN': '本学期由该校组织并已举办的联盟活动场次（取消的不计）',
    en: 'Alliance activity occurrences the school organised and held this term (cancelled ones excluded)',
  },
  [TERM_FACT_KEYS.activitiesAttended]: {
    service: 'activities', kind: 'count',
    'zh-CN': '本学期该校至少有一名报名者签到的联盟活动场次',
    en: 'Alliance activity occurrences this term where at least one of the school\'s registrants checked in',
  },
  [TERM_FACT_KEYS.checkInRate]: {
    service: 'activities', kind: 'rate',
    'zh-CN': '该校报名参加本学期活动的签到比例（签到数 / 报名数）',
    en: 'Share of the school\'s registrations for this term\'s activities that checked in (checked in / registered)',
  },
  [TERM_FACT_KEYS.quotaCompletion]: {
    service: 'teacher-exchange', kind: 'rate',
    'zh-CN': '交流指标完成率：学年内按类别派出的教师数（不超过下限）之和 / 各类别指标下限之和',
    en: 'Exchange quota completion: teachers sent in the school year per category (up to its minimum), summed / the minimums summed',
  },
  [TERM_FACT_KEYS.placementsCompleted]: {
    service: 'teacher-exchange', kind: 'count',
    'zh-CN': '本学期结束的、由该校派出的已完成交流安排数',
    en: 'Placements of the school\'s teachers completed with an end date in the term',
  },
  [TERM_FACT_KEYS.itinerantPeriods]: {
    service: 'teacher-exchange', kind: 'count',
    'zh-CN': '该校走教教师本学期至今按走教课表在其他学校上的课时数',
    en: 'Periods the school\'s itinerant teachers taught at other schools this term so far, by the itinerant timetable',
  },
  [TERM_FACT_KEYS.resourcesContributed]: {
    service: 'curriculum', kind: 'count',
    'zh-CN': '本学期该校教师共享到联盟或区县的教学资源数',
    en: 'Teaching resources the school\'s teachers shared with the alliance or the district this term',
  },
  [TERM_FACT_KEYS.resourcesUsedByOthers]: {
    service: 'curriculum', kind: 'count',
    'zh-CN': '本学期该校共享资源被上传者以外的用户下载的次数',
    en: 'Downloads this term of the school\'s shared resources by users other than their uploader',
  },
  [TERM_FACT_KEYS.facilityBookings]: {
    service: 'curriculum', kind: 'count',
    'zh-CN': '本学期其他学校预约并获批使用该校功能室/场馆的次数',
    en: 'Approved bookings of the school\'s facilities by other schools starting this term',
  },
  [TERM_FACT_KEYS.aboveMeanRatio]: {
    service: 'assessment', kind: 'ratio',
    'zh-CN': '本学期已发布统一检测中，该校各学科平均分相对联盟平均分的超均率的平均值',
    en: '超均率: the mean over this term\'s published unified exams and subjects of (school mean − alliance mean) / alliance mean',
  },
  [TERM_FACT_KEYS.aboveMeanChange]: {
    service: 'assessment', kind: 'ratio',
    'zh-CN': '超均率较上学期的变化（本学期 − 上学期），两个学期都有检测时才有数据',
    en: 'Change of the 超均率 against the previous term (this term − previous), when both terms have exams',
  },
  [TERM_FACT_KEYS.satisfaction]: {
    service: 'assessment', kind: 'rate',
    'zh-CN': '满意度问卷的满意度（0–1，满意度题目平均分折算）；回答数低于匿名门槛时无数据',
    en: 'Survey satisfaction (0–1, the mean of the satisfaction questions scaled); no data below the anonymity threshold',
  },
};

export const isTermFactKey = (key: string): key is TermFactKey => Object.prototype.hasOwnProperty.call(TERM_FACT_CATALOGUE, key);

/** The term-facts query (common/term-facts.ts) as teacher exchange, curriculum and assessment validate it. */
export class TermFactsQueryDto {
  @IsUUID() districtId: string;
  @IsString() @Matches(TERM_PATTERN) term: string;
  @IsOptional() @IsArray() @ArrayMaxSize(50) @IsString({ each: true }) @MaxLength(100, { each: true }) keys?: string[];
}
