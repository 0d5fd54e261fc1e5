/** Activities: calendar, activity form and detail, registrations, minutes, action items, calendar feeds. zh-CN and English with identical keys. */
export const activitiesZhCN = {
  nav: { activities: '联盟活动', actionItems: '我的待办' },
  kind: {
    demo: '展示课', discussion: '研讨课', competition: '竞赛课', delivered: '送教课', joint_meeting: '联席会议', festival: '科技节/文化节/艺术节',
    sports_meet: '运动会', open_week: '开放周', labour_practice: '劳动实践', parent_lecture: '家长讲座', online_session: '线上教研', training: '培训',
  },
  status: { scheduled: '已安排', cancelled: '已取消' },
  placeKind: { school: '学校', facility: '场馆', online: '线上' },
  participantKind: { teacher: '教师', student: '学生', parent: '家长' },
  registrationStatus: { registered: '已报名', cancelled: '已取消' },
  itemStatus: { open: '进行中', overdue: '已逾期', done: '已完成' },
  freq: { weekly: '每周', monthly: '每月' },
  fields: {
    title: '活动名称', kind: '活动类型', alliance: '教联体', organiser: '组织学校', description: '活动说明', time: '时间', startsAt: '开始时间', endsAt: '结束时间',
    place: '地点', placeKind: '地点类型', placeSchool: '学校', facilityName: '场馆/会议室', url: '线上会议链接', audience: '参与对象', teachers: '教师',
    studentGrades: '学生年级', parents: '家长', capacity: '每校名额', repeat: '重复', freq: '频率', interval: '间隔', endBy: '结束方式', until: '截止日期',
    count: '次数', status: '状态', school: '学校', participant: '参与人', participantKind: '身份', grade: '年级', note: '备注', registeredAt: '报名时间',
    checkedIn: '签到', occurrence: '场次', owner: '负责人', ownerSchool: '负责学校', dueOn: '截止日期', summary: '会议纪要', decisions: '决议事项',
    actionItems: '待办事项', actionItem: '事项',
  },
  list: {
    title: '联盟活动', subtitle: '教研活动、联席会议、节庆与培训：一张日历看清联盟的安排',
    calendar: '月历', agenda: '日程', table: '列表', create: '安排活动', subscribe: '订阅日历', search: '搜索活动名称或说明',
    previousMonth: '上个月', nextMonth: '下个月', thisMonth: '本月', monthFormat: 'YYYY年M月',
    empty: '这段时间还没有活动', emptyHint: '管理员可点击“安排活动”；也可以切换月份或清除筛选条件。', more: '还有 {{count}} 项',
    recurring: '重复', agendaRange: '今天起 60 天内的安排', gradeOption: '{{grade}} 年级',
  },
  form: {
    createTitle: '安排活动', editTitle: '编辑活动', saved: '活动已保存', none: '不重复', byCount: '按次数', byUntil: '按日期',
    intervalWeeks: '每 {{n}} 周', intervalMonths: '每 {{n}} 月', unlimited: '不限', timeZoneHint: '时间按北京时间（Asia/Shanghai）填写与显示',
    audienceRequired: '请至少选择一类参与对象', allianceHint: '只能选择你所在或管理的、运行中的教联体',
  },
  detail: {
    overview: '活动信息', registrations: '报名与签到', minutes: '会议纪要', occurrence: '场次', allOccurrences: '全部场次', register: '报名',
    registerTitle: '报名参加', registered: '报名成功', checkIn: '签到', checkedIn: '已签到', cancelRegistration: '取消报名', cancelled: '已取消报名',
    cancelActivity: '取消活动', cancelReason: '取消原因', activityCancelled: '活动已取消',
    cancelOccurrence: '取消本次', cancelOccurrenceTitle: '取消 {{when}} 这一次', cancelOccurrenceHint: '只取消这一次，系列中的其他场次照常进行；本次的报名将一并取消，并通知日历订阅。', occurrenceCancelledOk: '本次活动已取消', occurrenceCancelled: '这一次已取消：{{reason}}', cancelledSuffix: '（已取消）', attendance: '各校报名与签到', attendanceEmpty: '还没有学校报名',
    registeredSeries: '已报名', checkedInSeries: '已签到', capacitySeries: '名额', noRegistrations: '还没有人报名', noRegistrationsHint: '点击“报名”为本校教师、学生或家长报名。',
    manageOnly: '只有活动组织方可以修改活动和记录纪要。',
  },
  minutes: {
    empty: '这一场还没有会议纪要', emptyHint: '组织方可以记录会议摘要、决议事项和待办事项。', write: '记录纪要', edit: '编辑纪要', save: '保存纪要', saved: '纪要已保存',
    addDecision: '添加决议', addItem: '添加待办', recordedBy: '记录人：{{name}} · {{time}}', assignMe: '指派给我',
  },
  items: {
    title: '待办事项', subtitle: '会议纪要中分配给你或本校的待办，以及你所在联盟的待办', mine: '我的待办', alliance: '联盟待办', pending: '未完成',
    markDone: '标记完成', reopen: '重新打开', done: '已标记完成', reopened: '已重新打开', empty: '没有待办事项', emptyHint: '会议纪要中指派给你的事项会出现在这里。',
  },
  subscribe: {
    title: '订阅活动日历', intro: '把下面的地址添加到手机或电脑的日历应用（如 iOS 日历、Outlook、Google 日历）中，活动会自动同步。',
    personal: '我的全部活动', perAlliance: '只订阅某个教联体', create: '生成订阅地址', rotate: '重置地址', rotated: '已生成新地址，旧地址已失效',
    rotateConfirm: '重置后，已订阅的旧地址将不再更新，确定重置吗？', copy: '复制', copied: '已复制', secret: '此地址相当于密码，请勿分享给他人。', none: '你还没有订阅地址。',
  },
  dashboard: {
    figures: {
      activities: { upcoming: '30 天内的活动场次', registrations: '近 90 天报名人次', attendanceRate: '近 90 天签到率' },
      actionItems: { open: '进行中的待办', overdue: '逾期待办' },
    },
  },
};
