/** Teacher development: mentorship (师徒结对) and lesson observation (听课评课). zh-CN and English with identical keys. */
export const developmentZhCN = {
  nav: { mentorships: '师徒结对', observations: '听课评课', rubric: '评课量表' },
  kind: { demo: '示范课', report: '汇报课' },
  status: { active: '进行中', closed: '已结束' },
  side: { mentor: '师傅评语', apprentice: '徒弟评语', school: '学校评语' },
  fields: {
    term: '学期', mentor: '师傅', apprentice: '徒弟', school: '学校', alliance: '教联体', goals: '学期目标', status: '状态', missedMonths: '缺课月份',
    month: '月份', kind: '课型', scheduledOn: '日期', startsAt: '时间', place: '地点', lessonPlan: '教案（资源库）', videoUrl: '课堂视频链接',
    reflection: '教学反思', done: '已完成', observer: '听课人', observed: '授课教师', observedOn: '听课日期', subject: '学科', className: '班级',
    topic: '课题', rubricVersion: '量表版本', total: '总分', percent: '得分率', comments: '评课意见', pairs: '结对数', given: '听课次数',
    received: '被听课次数', givenElsewhere: '外校听课', averageReceived: '平均得分率', teacher: '教师', dimension: '维度', key: '标识', level: '等级', score: '分值',
  },
  mentorships: {
    title: '师徒结对', subtitle: '师傅每月上一节示范课，徒弟每月上一节汇报课；过了当月仍未完成即记为缺课', create: '新建结对', created: '结对已建立',
    search: '搜索师傅或徒弟姓名', allTerms: '全部学期', empty: '还没有师徒结对', emptyHint: '学校管理员或联盟管理员可以为本联盟的教师建立师徒结对。',
    missedBySchool: '各校缺课月份', missedHint: '当月结束时示范课和汇报课未全部完成，即计一个缺课月份。', noMissed: '本学期没有结对',
    mentorHelp: '选择师傅（本联盟学校的教师）', apprenticeHelp: '选择徒弟', termHelp: '例如 2026-2027-1',
  },
  detail: {
    months: '月度课程', complete: '已完成', missed: '缺课', pending: '待完成', notScheduled: '未安排', record: '登记', recordTitle: '登记{{month}}{{kind}}',
    recorded: '已保存', doneHint: '标记完成需要：日期不晚于今天、教学反思，以及教案或课堂视频', comments: '学期总结', addComment: '填写', commented: '评语已保存',
    close: '结束结对', closed: '结对已结束', closeHint: '学期最后一个教学月起，师傅、徒弟和学校三方评语齐全后可以结束', view: '查看', video: '视频',
    planHelp: '填写资源库中教案的编号', readOnly: '你可以查看此结对，但无权登记。',
  },
  observations: {
    title: '听课评课', subtitle: '按区县评课量表记录听课；跟岗、观摩期间的外校听课会关联到交流安排', create: '登记听课', created: '听课记录已保存',
    search: '搜索教师、课题或班级', empty: '还没有听课记录', emptyHint: '学校管理员可以为本校或来访的教师登记听课记录。', records: '听课记录',
    stats: '统计', byTeacher: '按教师', bySchool: '按学校', chart: '各校被听课平均得分率', linkedPlacement: '已关联交流安排', from: '开始日期', to: '结束日期',
  },
  rubric: {
    title: '评课量表', subtitle: '区县统一的课堂教学评价量表；修改后保存为新版本，已有记录保留原版本', version: '第 {{version}} 版', versions: '历史版本',
    addDimension: '添加维度', addLevel: '添加等级', remove: '删除', save: '保存为新版本', saved: '已保存为第 {{version}} 版', unchanged: '量表没有变化',
    readOnly: '只有教育局管理员可以修改评课量表。', maxTotal: '满分 {{total}}',
    chooseDistrict: '请先在页面右上角选择区县', chooseDistrictHint: '评课量表由每个区县各自制定。',
  },
};
