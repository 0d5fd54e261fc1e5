/** Work plans (学期工作计划) and target tasks (目标任务): list, detail, progress with evidence, assessment, overdue milestones. zh-CN and English with identical keys. */
export const plansZhCN = {
  nav: { plans: '工作计划', milestones: '逾期里程碑' },
  status: { draft: '草稿', submitted: '已提交', approved: '已批准', closed: '已结项' },
  level: { alliance: '联盟计划', school: '学校计划' },
  assigneeKind: { working_group: '专项小组', subject_group: '学科组', teacher: '教师' },
  milestoneStatus: { not_started: '未开始', in_progress: '进行中', done: '已完成' },
  rating: { met: '达成', partly: '部分达成', not_met: '未达成' },
  evidenceKind: { file: '文件', activity: '活动', placement: '交流安排', resource: '教学资源', exam: '考试' },
  action: { submit: '提交审核', approve: '批准', return: '退回修改', close: '结项' },
  fields: {
    title: '计划名称', term: '学期', alliance: '教联体', school: '学校', level: '类型', status: '状态', owner: '负责人', goals: '工作目标', measures: '主要措施',
    progress: '里程碑', target: '目标任务', description: '说明', assignees: '分解到', assigneeKind: '对象类型', assigneeName: '名称', milestone: '里程碑',
    dueOn: '截止日期', expectedResult: '显性成果', percent: '完成度', comment: '说明', reportedOn: '进展日期', links: '关联佐证', linkKind: '类型', linkId: '编号',
    rating: '评估结论', note: '备注', file: '文件', plan: '计划', daysOverdue: '逾期天数',
  },
  list: {
    title: '学期工作计划', subtitle: '联盟和成员校每学期的目标、措施、负责人与里程碑', create: '新建计划', search: '搜索计划名称、负责人或学校',
    empty: '还没有工作计划', emptyHint: '联盟管理员可以新建联盟计划，学校管理员可以新建本校计划。', overdueBadge: '我有 {{count}} 个逾期里程碑',
    allTerms: '全部学期', created: '计划已创建', schoolHint: '不选学校即为联盟计划',
  },
  detail: {
    overview: '计划概况', targets: '目标任务', noTargets: '还没有目标任务', addTarget: '添加目标任务', addMilestone: '添加里程碑', removeTarget: '删除目标任务',
    removeMilestone: '删除', report: '填报进展', upload: '上传佐证', uploaded: '佐证已上传', reported: '进展已记录', assess: '评估', assessed: '评估已保存',
    saved: '已保存', moved: '计划状态已更新', returnComment: '退回原因', returned: '退回意见：{{comment}}', overdue: '已逾期 {{days}} 天', onTime: '按时完成',
    late: '逾期完成', unverified: '未核实', download: '下载', noProgress: '尚无进展', addAssignee: '添加对象', addLink: '添加关联', readOnly: '你可以查看此计划，但无权修改。',
    progressCount: '里程碑 {{done}}/{{total}} 已完成', draftHint: '草稿可以修改；添加目标任务和里程碑后提交审核。', approvedHint: '计划已批准：负责人可以填报进展、上传佐证；学期末由审核人逐项评估后结项。',
    assessment: '完成评估', assessedBy: '{{name}} 于 {{time}} 评估',
  },
  milestones: {
    title: '逾期里程碑', subtitle: '已提交和已批准计划中截止日期已过（北京时间）但尚未完成的里程碑', mine: '我负责的', all: '我能看到的', pending: '未完成', overdue: '已逾期',
    open: '未到期', done: '已完成', empty: '没有逾期的里程碑',
  },
};
