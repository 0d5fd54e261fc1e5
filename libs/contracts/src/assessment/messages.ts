import type { MessageTemplates } from '../common/messages.js';
import type { ExamStatus } from './exams.dto.js';
import type { SurveyAction, SurveyStatus } from './surveys.dto.js';

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

  // scores: correction and import (成绩更正与导入); a row error's field is the sheet's column (学号, 姓名, 学校, 班级 or a subject)
  'assessment.score.subject-unknown': { en: 'subject must be one of {subjects}', 'zh-CN': '学科必须是以下之一：{subjects}' },
  'assessment.score.correct-forbidden': { en: "Only the school admin of the student's school or the alliance admin corrects a score", 'zh-CN': '只有学生所在学校的管理员或联盟管理员可以更正成绩' },
  'assessment.score.over-full-marks': { en: 'score must not exceed the full marks of {fullMarks}', 'zh-CN': '成绩不能超过满分 {fullMarks} 分' },
  'assessment.score.unchanged': { en: 'the score is already {score}', 'zh-CN': '成绩已经是 {score} 分' },
  'assessment.score-import.forbidden': {
    en: 'Only the school admin of a participating school or the alliance admin imports scores', 'zh-CN': '只有参加检测的学校的管理员或联盟管理员可以导入成绩',
  },
  'assessment.score-import.score-not-number': { en: 'the score {score} is not a number (up to 2 decimals)', 'zh-CN': '成绩“{score}”不是数字（最多 2 位小数）' },
  'assessment.score-import.score-negative': { en: 'the score {score} must be 0 or more', 'zh-CN': '成绩“{score}”不能是负数' },
  'assessment.score-import.score-decimals': { en: 'the score {score} has more than 2 decimals', 'zh-CN': '成绩“{score}”超过 2 位小数' },
  'assessment.score-import.score-over-full-marks': { en: 'the score {score} is over the full marks of {fullMarks}', 'zh-CN': '成绩“{score}”超过满分 {fullMarks} 分' },
  'assessment.score-import.no-score': { en: 'the row has no score', 'zh-CN': '本行没有任何学科的成绩' },
  'assessment.score-import.student-no-missing': { en: 'the student number is missing', 'zh-CN': '学号不能为空' },
  'assessment.score-import.student-no-too-long': { en: 'the student number is longer than {max} characters', 'zh-CN': '学号不能超过 {max} 个字符' },
  'assessment.score-import.name-missing': { en: 'the name is missing', 'zh-CN': '姓名不能为空' },
  'assessment.score-import.name-too-long': { en: 'the name is longer than {max} characters', 'zh-CN': '姓名不能超过 {max} 个字符' },
  'assessment.score-import.school-missing': { en: 'the school is missing', 'zh-CN': '学校不能为空' },
  'assessment.score-import.school-unknown': { en: 'unknown school {school}', 'zh-CN': '未知的学校“{school}”' },
  'assessment.score-import.school-not-taking-part': { en: '{school} does not take part in this exam', 'zh-CN': '“{school}”未参加本次检测' },
  'assessment.score-import.school-not-own': { en: 'you may only import scores of your own school, not {school}', 'zh-CN': '只能导入本校学生的成绩，不能导入“{school}”的' },
  'assessment.score-import.class-missing': { en: 'the class is missing', 'zh-CN': '班级不能为空' },
  'assessment.score-import.class-too-long': { en: 'the class is longer than {max} characters', 'zh-CN': '班级不能超过 {max} 个字符' },
  'assessment.score-import.class-not-taking-part': { en: 'the class {className} does not take part in this exam', 'zh-CN': '“{className}”未参加本次检测' },
  'assessment.score-import.student-no-repeated': { en: 'duplicate student number: also in row {firstRow}', 'zh-CN': '学号与第 {firstRow} 行重复' },
  'assessment.score-import.student-no-conflict': {
    en: 'conflict: row {firstRow} gives the student number {studentNo} to {firstName}（{firstSchool}）, this row to {studentName}（{rowSchool}）',
    'zh-CN': '学号“{studentNo}”在第 {firstRow} 行是{firstName}（{firstSchool}），本行是{studentName}（{rowSchool}）',
  },
  'assessment.score-import.student-no-other-school': { en: "the student number {studentNo} belongs to another school's student", 'zh-CN': '学号“{studentNo}”已属于其他学校的学生' },
  'assessment.score-import.student-no-stored': {
    en: 'conflict: the student number {studentNo} is stored for {storedName}（{storedSchool}）in this exam; correct the row, or the stored student first',
    'zh-CN': '学号“{studentNo}”在本次检测中已登记为{storedName}（{storedSchool}），请先更正本行或已登记的学生',
  },

  // quality analysis (质量分析)
  'assessment.analysis.subject-unknown': { en: 'subject must be {total} or one of {subjects}', 'zh-CN': '学科须为 {total}（总分）或以下之一：{subjects}' },
  'assessment.analysis.not-published': { en: 'Schools see the analysis once the alliance publishes the exam', 'zh-CN': '联盟发布检测后，学校才能查看质量分析' },

  // satisfaction surveys (满意度调查); a question's field is questions.<n>.<what>, an answer's answers.<n>.<what>
  'assessment.survey.template-forbidden': { en: 'Only the district admin keeps the district\'s survey templates', 'zh-CN': '只有教育局管理员可以维护本区县的问卷模板' },
  'assessment.survey.create-forbidden': {
    en: 'A district survey is created by the district admin, an alliance survey by its alliance admin, a school survey by its school admin',
    'zh-CN': '区县问卷由教育局管理员创建，联盟问卷由联盟管理员创建，学校问卷由学校管理员创建',
  },
  'assessment.survey.deadlines-system-only': { en: "Only the platform's own services ask for surveys' deadlines", 'zh-CN': '只有平台内部服务可以查询问卷截止情况' },
  'assessment.survey.deadline-window': { en: 'to must be after from, at most {maxDays} days later', 'zh-CN': '结束时间须晚于开始时间，且相隔不超过 {maxDays} 天' },
  'assessment.survey.manage-forbidden': { en: 'Only those who run the survey change it, issue its links or see all its results', 'zh-CN': '只有问卷的发起方可以修改问卷、生成答题链接或查看全部结果' },
  'assessment.survey.district-needed': { en: 'say which district: you administer several, or none', 'zh-CN': '请指定区县：您管理多个区县，或不是区县管理员' },
  'assessment.survey.scope-needed': { en: 'a survey of level {surveyLevel} names its {scopeField}', 'zh-CN': '{surveyLevel}问卷须指定{scopeField}' },
  'assessment.survey.questions-or-template': { en: 'give either templateId or questions', 'zh-CN': '请选择模板或填写题目，二者取其一' },
  'assessment.survey.options-needed': { en: 'a choice question needs 2 to 20 options', 'zh-CN': '选择题须有 2 到 20 个选项' },
  'assessment.survey.options-repeated': { en: 'the option {option} is listed twice', 'zh-CN': '选项“{option}”重复' },
  'assessment.survey.options-not-choice': { en: 'only a choice question has options', 'zh-CN': '只有选择题可以设置选项' },
  'assessment.survey.labels-not-likert': { en: 'only a Likert question has point labels', 'zh-CN': '只有量表题可以设置刻度标签' },
  'assessment.survey.satisfaction-not-likert': { en: 'only a Likert question counts towards satisfaction', 'zh-CN': '只有量表题可以计入满意度' },
  'assessment.survey.closes-before-opens': { en: 'closesAt must be after opensAt', 'zh-CN': '截止时间须晚于开始时间' },
  'assessment.survey.not-draft': { en: 'Only a draft survey can be changed this way; this one is {surveyStatus}', 'zh-CN': '只有草稿状态的问卷可以这样修改，该问卷当前为“{surveyStatus}”' },
  'assessment.survey.illegal-transition': { en: 'A survey that is {surveyStatus} cannot be {surveyAction}', 'zh-CN': '“{surveyStatus}”状态的问卷不能{surveyAction}' },
  'assessment.survey.closed': { en: 'The survey is closed', 'zh-CN': '问卷已结束' },
  'assessment.survey.not-accepting': { en: 'The survey does not accept answers now (open from {opensAt} to {closesAt})', 'zh-CN': '问卷当前不接受作答（作答时间 {opensAt} 至 {closesAt}）' },
  'assessment.survey.already-answered': { en: 'You have already answered this survey', 'zh-CN': '您已经填写过这份问卷' },
  'assessment.survey.link-used': { en: 'This link has already been used to answer; each link answers once', 'zh-CN': '该链接已经作答过；每个链接只能作答一次' },
  'assessment.survey.not-audience': { en: 'The survey does not ask {surveyAudience}', 'zh-CN': '这份问卷的调查对象不包括{surveyAudience}' },
  'assessment.survey.school-not-covered': { en: 'the school is not one the survey covers', 'zh-CN': '该学校不在本问卷的调查范围内' },
  'assessment.survey.answer-unknown-question': { en: 'the survey has no question {questionId}', 'zh-CN': '问卷中没有题目 {questionId}' },
  'assessment.survey.answer-repeated': { en: 'question {questionId} is answered twice', 'zh-CN': '题目 {questionId} 重复作答' },
  'assessment.survey.answer-required': { en: 'question {questionNo} must be answered', 'zh-CN': '第 {questionNo} 题为必答题' },
  'assessment.survey.answer-single': { en: 'a single choice question takes exactly one choice', 'zh-CN': '单选题只能选择一项' },
  'assessment.survey.answer-choices': { en: 'a choice question is answered with choices', 'zh-CN': '选择题须选择选项' },
  'assessment.survey.answer-choice-range': { en: 'choose from options 0 to {max}', 'zh-CN': '所选选项须在 0 到 {max} 之间' },
  'assessment.survey.answer-value': { en: 'a Likert question is answered with a value from 1 to 5', 'zh-CN': '量表题须选择 1 到 5 之间的分值' },
  'assessment.survey.answer-text': { en: 'a text question is answered with text', 'zh-CN': '问答题须填写文字' },
  'assessment.survey.activity-not-found': { en: 'no activity you may see has this id', 'zh-CN': '未找到该活动，或您无权查看' },
  'assessment.survey.occurrence-without-activity': { en: 'occurrenceStart goes with activityId', 'zh-CN': '指定活动场次时须同时指定活动' },
  // indicator frameworks (评价指标体系)
  'assessment.framework.forbidden': { en: "Only the district admin defines the district's indicator frameworks", 'zh-CN': '只有教育局管理员可以制定评价指标体系' },
  'assessment.framework.weights-sum': { en: 'the weights here must sum to 100, not {sum}', 'zh-CN': '同一层级的权重之和必须为 100，当前为 {sum}' },
  'assessment.framework.code-repeated': { en: 'the code {code} is used twice in the framework', 'zh-CN': '编码“{code}”在指标体系中重复' },
  'assessment.framework.fact-unknown': { en: 'unknown term fact {factKey}', 'zh-CN': '未知的数据来源“{factKey}”' },
  'assessment.framework.fact-missing': { en: 'a computed indicator names its term fact', 'zh-CN': '计算类指标须指定数据来源' },
  'assessment.framework.rule-missing': { en: 'a computed indicator names its scoring rule', 'zh-CN': '计算类指标须指定计分规则' },
  'assessment.framework.linear-bounds': { en: 'a linear rule needs a floor and a target above it', 'zh-CN': '线性计分须设置下限和高于下限的目标值' },
  'assessment.framework.max-score-missing': { en: 'an evaluator-scored indicator needs its maximum score', 'zh-CN': '评分类指标须设置满分' },
  'assessment.framework.no-indicator-for': { en: 'no indicator applies to {evaluationTarget} evaluations', 'zh-CN': '没有适用于{evaluationTarget}评价的指标' },

  // term evaluations (考核评价)
  'assessment.evaluation.term-invalid': {
    en: 'term must be a school year and term such as 2026-2027-1 (the second year follows the first)',
    'zh-CN': '学期须写成学年加学期，例如 2026-2027-1（后一年须紧接前一年）',
  },
  'assessment.evaluation.open-forbidden': { en: "Only the district admin opens a term's evaluations", 'zh-CN': '只有教育局管理员可以发起学期考核评价' },
  'assessment.evaluation.nothing-to-open': { en: 'the district has no active alliance to evaluate', 'zh-CN': '该区县没有可评价的教联体' },
  'assessment.evaluation.refresh-forbidden': { en: 'Only the district admin or the alliance admin gathers the facts again', 'zh-CN': '只有教育局管理员或联盟管理员可以重新采集数据' },
  'assessment.evaluation.published': { en: 'A published evaluation is frozen; correct it to make a new version', 'zh-CN': '已发布的评价已冻结，如需更改请发起更正（生成新版本）' },
  'assessment.evaluation.indicator-unknown': { en: 'the framework has no indicator {indicator} for this evaluation', 'zh-CN': '本评价的指标体系中没有指标“{indicator}”' },
  'assessment.evaluation.not-evaluator-scored': { en: 'the indicator {indicator} is computed from the platform data, not scored', 'zh-CN': '指标“{indicator}”由平台数据计算，不能人工评分' },
  'assessment.evaluation.score-over-max': { en: 'the score must not exceed {maxScore}', 'zh-CN': '评分不能超过满分 {maxScore} 分' },
  'assessment.evaluation.indicator-repeated': { en: 'the indicator {indicator} is scored twice', 'zh-CN': '指标“{indicator}”重复评分' },
  'assessment.evaluation.score-forbidden': { en: 'You may not enter scores in this step of the evaluation', 'zh-CN': '您不能在评价的当前环节评分' },
  'assessment.evaluation.transition-forbidden': { en: 'You may not take this step of the evaluation', 'zh-CN': '您不能执行评价的这一环节' },
  'assessment.evaluation.cannot-submit': { en: 'Only a draft is submitted; this evaluation is {evaluationStep}', 'zh-CN': '只有草稿状态的评价可以提交自评，该评价当前为“{evaluationStep}”' },
  'assessment.evaluation.cannot-approve': { en: "Only a school's submitted self-evaluation passes the alliance review; this evaluation is {evaluationStep}", 'zh-CN': '只有已提交自评的学校评价可以通过联盟审核，该评价当前为“{evaluationStep}”' },
  'assessment.evaluation.cannot-publish': { en: 'The district publishes after the previous review; this evaluation is {evaluationStep}', 'zh-CN': '前一环节审核完成后教育局才能发布，该评价当前为“{evaluationStep}”' },
  'assessment.evaluation.cannot-return': { en: 'Only an evaluation under review is returned; this one is {evaluationStep}', 'zh-CN': '只有审核中的评价可以退回修改，该评价当前为“{evaluationStep}”' },
  'assessment.evaluation.comment-required': { en: 'say why the evaluation is returned', 'zh-CN': '请填写退回理由' },
  'assessment.evaluation.correct-forbidden': { en: 'Only the district admin corrects a published evaluation', 'zh-CN': '只有教育局管理员可以更正已发布的评价' },
  'assessment.evaluation.not-published': { en: 'Only a published evaluation is corrected or awarded; this one is {evaluationStep}', 'zh-CN': '只有已发布的评价可以更正或表彰，该评价当前为“{evaluationStep}”' },
  'assessment.evaluation.superseded': { en: 'A later version (v{version}) corrects this evaluation; work on that one', 'zh-CN': '该评价已有更正后的新版本（第 {version} 版），请在新版本上操作' },
  'assessment.evaluation.ranking-scope': { en: 'name the district (its alliances) or the alliance (its schools)', 'zh-CN': '请指定区县（比较其教联体）或教联体（比较其成员校）' },
  'assessment.award.forbidden': { en: 'Only the district admin records awards', 'zh-CN': '只有教育局管理员可以记录表彰' },
  'assessment.term-facts.forbidden': { en: "Term facts are answered for the district's admins and the platform", 'zh-CN': '只有教育局管理员和平台可以查询学期数据' },

  // papers and item scores (试卷结构与小题分); a paper's field is items.<n>.<what>, an item sheet row's the column (学号 … or an item number)
  'assessment.paper.subject-unknown': { en: 'subject must be one of {subjects}', 'zh-CN': '学科必须是以下之一：{subjects}' },
  'assessment.paper.forbidden': { en: 'Only the alliance admin or the district admin changes a paper', 'zh-CN': '只有联盟管理员或教育局管理员可以修改试卷结构' },
  'assessment.paper.published': { en: 'The paper of a published exam is not changed; this exam is {examStatus}', 'zh-CN': '检测已发布，不能再修改试卷结构，该检测当前为“{examStatus}”' },
  'assessment.paper.has-item-scores': {
    en: 'Item scores of {students} students are stored: only sections and tags of the items may change now',
    'zh-CN': '已导入 {students} 名学生的小题分：现在只能修改题目的大题名称和知识点、能力标签',
  },
  'assessment.paper.item-repeated': { en: 'item {no} is listed twice', 'zh-CN': '题号“{no}”重复' },
  'assessment.paper.item-is-fixed-column': { en: '{no} is a fixed column of the item score sheet and cannot be an item number', 'zh-CN': '“{no}”是小题分表的固定列，不能作为题号' },
  'assessment.paper.key-missing': { en: 'an objective item needs its key', 'zh-CN': '客观题须填写答案' },
  'assessment.paper.key-beyond-options': { en: 'the key {key} names an option beyond the item\'s {options} options', 'zh-CN': '答案“{key}”超出了该题的 {options} 个选项' },
  'assessment.paper.key-on-subjective': { en: 'a subjective item has no key', 'zh-CN': '主观题没有标准答案' },
  'assessment.paper.total-mismatch': { en: "the items add up to {itemsTotal}, the subject's full marks are {fullMarks}", 'zh-CN': '各小题满分合计 {itemsTotal} 分，与学科满分 {fullMarks} 分不符' },
  'assessment.paper.missing': { en: 'the subject {subject} has no paper yet', 'zh-CN': '学科“{subject}”还没有录入试卷结构' },
  'assessment.item-import.forbidden': {
    en: 'Only the school admin of a participating school or the alliance admin imports item scores', 'zh-CN': '只有参加检测的学校的管理员或联盟管理员可以导入小题分',
  },
  'assessment.item-import.item-missing': { en: 'the item score is missing', 'zh-CN': '小题分不能为空' },
  'assessment.item-import.item-mark': { en: 'an item takes a score, not {score}; leave an absent student out of the sheet', 'zh-CN': '小题只能填分数，不能填“{score}”；缺考学生不必列入小题分表' },
  'assessment.item-import.option-unknown': { en: 'the option {option} is not one of the item\'s {options} options', 'zh-CN': '选项“{option}”不在本题的 {options} 个选项之内' },
  'assessment.item-import.option-on-subjective': { en: 'a subjective item takes a score, not the option {option}', 'zh-CN': '主观题须填分数，不能填选项“{option}”' },
  'assessment.item-import.sum-mismatch': { en: 'the items add up to {sum}, the subject score is {score}', 'zh-CN': '各小题合计 {sum} 分，与本行学科成绩 {score} 分不符' },
  'assessment.item-import.stored-mismatch': { en: 'the items add up to {sum}, the stored subject score is {stored}', 'zh-CN': '各小题合计 {sum} 分，与已导入的学科成绩 {stored} 分不符' },
  'assessment.item-import.stored-marked': { en: 'the student is stored as {markStatus} in the subject', 'zh-CN': '该学生在本学科已登记为{markStatus}' },
  'assessment.item-analysis.not-published': { en: 'Schools see the item analysis once the alliance publishes the exam', 'zh-CN': '联盟发布检测后，学校才能查看试题分析' },
  // growth and value-added (增值评价)
  'assessment.growth.same-exam': { en: 'the prior exam must be another exam than the current one', 'zh-CN': '前测须是与本次检测不同的另一场检测' },
  'assessment.growth.other-district': { en: 'the prior exam must belong to the same district: students are linked by student number within a district', 'zh-CN': '前测须属于同一区县：学生按区县内的学号关联' },
  'assessment.growth.subject-unknown': { en: 'subject must be one both exams have: {subjects}', 'zh-CN': '学科须为两场检测共有的学科之一：{subjects}' },
} as const satisfies Record<string, MessageTemplates>;

const EXAM_STATUS_NAMES = { draft: '草稿', open: '成绩录入中', published: '已发布', archived: '已归档' } satisfies Record<ExamStatus, string>;

/** What a repeated-number conflict says for a row whose school cell names no participating school. */
export const NO_SCHOOL = 'no school';
const ROW_SCHOOL_NAMES = { [NO_SCHOOL]: '学校未识别' };

const EVALUATION_STEP_NAMES = { draft: '自评中', 'self-evaluated': '已提交自评', 'alliance-reviewed': '联盟已审核', published: '已发布' };
const TARGET_TYPE_NAMES = { alliance: '教联体', school: '学校' };
const SURVEY_STATUS_NAMES = { draft: '草稿', open: '进行中', closed: '已结束' } satisfies Record<SurveyStatus, string>;
const SURVEY_ACTION_NAMES = { open: '发布', close: '结束' } satisfies Record<SurveyAction, string>;

/** The Chinese names of the enumerated values assessment's messages name, by parameter. */
export const ASSESSMENT_PARAM_NAMES = {
  surveyStatus: SURVEY_STATUS_NAMES,
  surveyAction: SURVEY_ACTION_NAMES,
  surveyLevel: { district: '区县', alliance: '联盟', school: '学校' },
  scopeField: { allianceId: '联盟', schoolId: '学校' },
  surveyAudience: { teachers: '教师', students: '学生', parents: '家长' },
  evaluationStep: EVALUATION_STEP_NAMES,
  evaluationTarget: TARGET_TYPE_NAMES,
  examStatus: EXAM_STATUS_NAMES,
  neededStatus: EXAM_STATUS_NAMES,
  firstSchool: ROW_SCHOOL_NAMES,
  rowSchool: ROW_SCHOOL_NAMES,
  markStatus: { absent: '缺考', exempt: '免考' },
} as const satisfies Record<string, Record<string, string>>;
