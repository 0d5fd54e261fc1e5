import type { MessageTemplates } from '../common/messages.js';
import type { ExamStatus } from './exams.dto.js';

/** The assessment service's error messages by stable code (see MESSAGES in common/messages.ts). */
export const ASSESSMENT_MESSAGES = {
  // unified exams (统一检测)
  'assessment.exam.create-forbidden': { en: 'Only the alliance admin or the district admin creates unified exams', 'zh-CN': '只有联盟管理员或教育局管理员可以创建统一检测' },
  'assessment.exam.update-forbidden': { en: 'Only the alliance admin or the district admin changes an exam', 'zh-CN': '只有联盟管理员或教育局管理员可以修改统一检测' },
  'assessment.exam.transition-forbidden': { en: 'Only the alliance admin or the district admin moves an exam on', 'zh-CN': '只有联盟管理员或教育局管理员可以推进统一检测的状态' },
  'assessment.exam.subject-repeated': { en: 'subject {subject} is listed twice', 'zh-CN': '学科“{subject}”重复' },
  'assessment.exam.subject-is-fixed-column': { en: '{subject} is a fixed column of the score sheet and cannot be a subject', 'zh-CN': '“{subject}”是成绩表的固定列，不能作为学科' },
  'assessment.exam.excellent-above-full': { en: 'excellentLine must not exceed fullMarks', 'zh-CN': '优秀线不能高于满分' },
  'assessment.exam.pass-above-excellent': { en: 'passLine must not exceed excellentLine', 'zh-CN': '及格线不能高于优秀线' },
  'assessment.exam.low-above-pass': { en: 'lowLine must not exceed passLine', 'zh-CN': '低分线不能高于及格线' },
  'assessment.exam.term-invalid': {
    en: 'term must be a school year and term such as 2026-2027-1 (the second year follows the first)',
    'zh-CN': '学期须写成学年加学期，例如 2026-2027-1（后一年须紧接前一年）',
  },
  'assessment.exam.school-repeated': { en: 'the school is listed twice', 'zh-CN': '该学校重复' },
  'assessment.exam.school-not-member': { en: 'the school is not an active member of the alliance', 'zh-CN': '该学校不是本联盟的成员校' },
  'assessment.exam.cannot-open': { en: 'An exam is opened from status {neededStatus}; this one is {examStatus}', 'zh-CN': '只有“{neededStatus}”状态的检测可以开放成绩录入，该检测当前为“{examStatus}”' },
  'assessment.exam.cannot-publish': { en: 'An exam is published from status {neededStatus}; this one is {examStatus}', 'zh-CN': '只有“{neededStatus}”状态的检测可以发布，该检测当前为“{examStatus}”' },
  'assessment.exam.cannot-archive': { en: 'An exam is archived from status {neededStatus}; this one is {examStatus}', 'zh-CN': '只有“{neededStatus}”状态的检测可以归档，该检测当前为“{examStatus}”' },
  'assessment.exam.not-draft': { en: 'Only a draft exam can be changed; this one is {examStatus}', 'zh-CN': '只有草稿状态的检测可以修改，该检测当前为“{examStatus}”' },
  'assessment.exam.not-open': { en: 'Scores are entered while the exam is open for scores; this one is {examStatus}', 'zh-CN': '只有在开放成绩录入期间才能录入成绩，该检测当前为“{examStatus}”' },

  // quality analysis (质量分析)
  'assessment.analysis.subject-unknown': { en: 'subject must be {total} or one of {subjects}', 'zh-CN': '学科须为 {total}（总分）或以下之一：{subjects}' },
  'assessment.analysis.not-published': { en: 'Schools see the analysis once the alliance publishes the exam', 'zh-CN': '联盟发布检测后，学校才能查看质量分析' },
} as const satisfies Record<string, MessageTemplates>;

const EXAM_STATUS_NAMES = { draft: '草稿', open: '成绩录入中', published: '已发布', archived: '已归档' } satisfies Record<ExamStatus, string>;

/** The Chinese names of the enumerated values assessment's messages name, by parameter. */
export const ASSESSMENT_PARAM_NAMES = {
  examStatus: EXAM_STATUS_NAMES,
  neededStatus: EXAM_STATUS_NAMES,
} as const satisfies Record<string, Record<string, string>>;
