/** Briefings (季度通报) and term archives (学期归档). zh-CN and English with identical keys. */
export const briefingsZhCN = {
  nav: { briefings: '工作简报', archives: '学期归档' },
  scope: { district: '区县', alliance: '教联体' },
  periodKind: { quarter: '季度', term: '学期', range: '自定义日期' },
  service: {
    membership: '联盟建设', 'teacher-exchange': '教师交流', curriculum: '课程资源与场馆共享', activities: '联盟活动与工作计划', assessment: '质量监测与评价',
  },
  basis: { period: '本期数据', term: '学期数据' },
  figure: {
    'activities_joint-activities_held': '开展联盟活动（场次）', 'activities_registrations': '活动报名（人次）', 'activities_check-ins': '活动签到（人次）',
    'activities_check-in-rate': '签到率', 'activities_minutes_recorded': '会议纪要（份）', 'activities_action-items_done': '完成待办事项',
    'activities_action-items_overdue': '逾期待办事项', 'activities_plans_milestones-on-time': '里程碑按期完成率', 'activities_plans_milestones-completed': '完成里程碑',
    'activities_joint-activities_attended': '参加联盟活动（场次）', 'teacher-exchange_placements_completed': '完成交流安排', 'assessment_surveys_satisfaction': '满意度',
    'membership_alliance_member-schools': '联盟成员校（所）', 'membership_alliance_joined': '本学期新加入成员校（所）',
    'teacher-exchange_quota_completion': '交流指标完成率', 'teacher-exchange_itinerant_periods': '走教课时', 'curriculum_resources_contributed': '共享资源（份）',
    'curriculum_resources_used-by-others': '资源被他人使用（次）', 'curriculum_facilities_shared-bookings': '场馆共享预约（次）',
    'assessment_exams_above-mean-ratio': '统考超均率', 'assessment_exams_above-mean-change': '超均率变化',
  },
  highlight: {
    'milestones-completed': '本期完成工作计划里程碑 {{value}} 个', 'plans-closed': '{{value}} 份学期工作计划已结项',
    'best-check-in': '{{name}}活动签到率最高，达 {{value}}', 'most-activities': '{{name}}承办联盟活动最多，共 {{value}} 场',
    'top-evaluation': '{{name}}考核评价得分最高（{{value}} 分）',
  },
  step: { draft: '自评中', 'self-evaluated': '已自评', 'alliance-reviewed': '联盟已审核', published: '已发布' },
  fields: {
    title: '标题', scope: '范围', alliance: '教联体', period: '期间', periodKind: '期间类型', quarter: '季度', term: '学期', from: '开始日期', to: '结束日期',
    issuedBy: '发布人', issuedAt: '发布时间', status: '状态', progress: '进度', entries: '文件数', size: '大小', requestedBy: '申请人', createdAt: '申请时间', error: '失败原因',
    school: '学校', plan: '计划', milestones: '里程碑', done: '已完成', overdue: '逾期', name: '对象', score: '得分', rank: '排名',
  },
  list: {
    title: '工作简报', subtitle: '按季度或学期生成的区县、教联体工作简报；生成后内容固定，可导出 PDF 与 Excel', create: '生成简报', empty: '还没有简报',
    emptyHint: '教育局管理员可生成区县简报，联盟管理员可生成本联盟简报。', created: '简报已生成', allScopes: '全部范围', generating: '正在汇总各服务数据并生成 PDF…',
    titleHint: '不填则自动生成，如“某某教联体2026年第四季度工作简报”',
  },
  detail: {
    keyFigures: '主要数据', highlights: '工作亮点', noHighlights: '本期暂无突出事项', services: '各项工作数据', notAvailable: '暂无数据：该服务未提供本期数据',
    plans: '学期工作计划进展', evaluation: '考核评价', evaluationNotAvailable: '暂无数据：考核评价服务未提供', noEvaluation: '本学期尚未开始考核评价',
    schools: '各校数据', checkInChart: '各校活动签到率', planChart: '工作计划状态', pdf: '下载 PDF', xlsx: '下载 Excel', frozen: '简报生成于 {{time}}，内容不随后续数据变化。',
    planSummary: '计划 {{plans}} 份；里程碑 {{milestones}} 个，本期到期 {{due}} 个、按期完成 {{onTime}} 个，本期完成 {{completed}} 个，逾期 {{overdue}} 个',
  },
  archives: {
    title: '学期归档', subtitle: '每学期的会议纪要、工作计划与佐证、报名签到、交流安排和考核评价打包为一个压缩文件，后台生成', create: '生成归档',
    created: '已开始生成归档，可在列表中查看进度', empty: '还没有归档', emptyHint: '选择学期和范围后生成，生成完成即可下载。', download: '下载',
    status: { queued: '排队中', running: '生成中', done: '已完成', failed: '失败' },
  },
};
