import { TERM_FACT_KEYS as F, type DimensionInputDto, type IndicatorInputDto } from '@jiaolian/contracts';

const computed = (code: string, name: string, nameEn: string, weight: number, factKey: string, rule: Pick<IndicatorInputDto, 'rule' | 'floor' | 'target'>): IndicatorInputDto =>
  ({ code, name, nameEn, weight, kind: 'computed', appliesTo: 'both', factKey, ...rule });
const scored = (code: string, name: string, nameEn: string, weight: number, guidance: string): IndicatorInputDto =>
  ({ code, name, nameEn, weight, kind: 'evaluator', appliesTo: 'both', maxScore: 10, guidance });

/**
 * The shipped framework, built from the seed documents' five concerns (teacher growth, student growth,
 * teaching quality, resource sharing, satisfaction). A district copies it and changes it. The linear
 * targets are what a healthy member school reaches in one term: 3 completed placements, two itinerant
 * periods a week over ~15 teaching weeks, an activity a month, 10 shared resources; 超均率 between −10 %
 * and +10 % covers the spread of an alliance's schools, its change between −5 and +5 points a term.
 */
export const DEFAULT_FRAMEWORK: { name: string; dimensions: DimensionInputDto[] } = {
  name: '教联体考核评价指标体系（默认）',
  dimensions: [
    {
      code: 'teacher', name: '教师成长', nameEn: 'Teacher growth', weight: 25, indicators: [
        computed('teacher.quota', '交流指标完成率', 'Exchange quota completion', 35, F.quotaCompletion, { rule: 'ratio' }),
        computed('teacher.placements', '完成交流人次', 'Placements completed', 25, F.placementsCompleted, { rule: 'linear', floor: 0, target: 3 }),
        computed('teacher.itinerant', '走教课时', 'Itinerant periods taught', 20, F.itinerantPeriods, { rule: 'linear', floor: 0, target: 30 }),
        scored('teacher.development', '教师专业发展', 'Professional development', 20, '师徒结对、示范课与汇报课、培训与教研成果'),
      ],
    },
    {
      code: 'student', name: '学生成长', nameEn: 'Student growth', weight: 20, indicators: [
        computed('student.attended', '参加联盟活动场次', 'Joint activities attended', 30, F.activitiesAttended, { rule: 'linear', floor: 0, target: 5 }),
        computed('student.check-in', '活动签到率', 'Activity check-in rate', 30, F.checkInRate, { rule: 'ratio' }),
        scored('student.development', '学生综合素质发展', 'Students\' all-round development', 40, '科技节、艺术节、运动会、劳动实践等活动中的学生成长表现'),
      ],
    },
    {
      code: 'quality', name: '教学质量', nameEn: 'Teaching quality', weight: 25, indicators: [
        computed('quality.above-mean', '统一检测超均率', 'Unified exam 超均率', 50, F.aboveMeanRatio, { rule: 'linear', floor: -0.1, target: 0.1 }),
        computed('quality.above-mean-change', '超均率增幅', 'Change of the 超均率', 30, F.aboveMeanChange, { rule: 'linear', floor: -0.05, target: 0.05 }),
        computed('quality.milestones', '工作计划按期完成率', 'Plan milestones on time', 20, F.milestonesOnTime, { rule: 'ratio' }),
      ],
    },
    {
      code: 'sharing', name: '资源共享', nameEn: 'Resource sharing', weight: 15, indicators: [
        computed('sharing.contributed', '共享教学资源数', 'Resources contributed', 30, F.resourcesContributed, { rule: 'linear', floor: 0, target: 10 }),
        computed('sharing.used', '资源被他人使用次数', 'Resources used by others', 30, F.resourcesUsedByOthers, { rule: 'linear', floor: 0, target: 30 }),
        computed('sharing.facilities', '功能室共享次数', 'Shared facility bookings', 20, F.facilityBookings, { rule: 'linear', floor: 0, target: 5 }),
        computed('sharing.held', '组织联盟活动场次', 'Joint activities held', 20, F.activitiesHeld, { rule: 'rank' }),
      ],
    },
    {
      code: 'satisfaction', name: '满意度', nameEn: 'Satisfaction', weight: 15, indicators: [
        computed('satisfaction.survey', '问卷满意度', 'Survey satisfaction', 70, F.satisfaction, { rule: 'ratio' }),
        scored('satisfaction.community', '家长与社会评价', 'Parents\' and community\'s view', 30, '家长会、开放周、社会反馈与媒体报道'),
      ],
    },
  ],
};
