/** The organisation of an alliance (组织机构): bodies, their members and terms, the chart and a person's memberships. zh-CN and English with identical keys. */
export const organisationZhCN = {
  tab: '组织机构',
  kind: { council: '理事会', secretariat: '秘书处', leadership_group: '领导小组', working_group: '工作组', subject_centre: '学科中心组', studio: '工作室' },
  category: {
    teaching_research: '教学研讨组', teacher_training: '教师培训组', student_activities: '学生活动组', resource_sharing: '资源共享组', other: '其他工作组',
    master_teacher: '名师工作室', subject: '学科工作室', head_teacher: '班主任工作室',
  },
  role: { leader: '组长', deputy: '副组长', member: '成员' },
  status: { active: '运行中', dissolved: '已撤销', current: '在任', ended: '已卸任' },
  fields: {
    kind: '机构类型', category: '类别', name: '名称', subject: '学科', responsibilities: '职责', parent: '上级机构', leader: '组长 / 领衔人', memberCount: '在任成员',
    person: '人员', school: '所在学校', role: '职务', termFrom: '任期开始', termTo: '任期结束', endedOn: '卸任日期', endReason: '卸任原因', body: '机构', alliance: '联盟',
    status: '状态', reason: '撤销原因',
  },
  chart: {
    title: '组织架构图', label: '{{name}}组织架构图', empty: '还没有设立机构', emptyHint: '联盟管理员可以设立理事会、秘书处、工作组和工作室。', create: '设立机构',
    created: '机构已设立', top: '（无，作为顶层机构）', list: '机构列表', showDissolved: '显示已撤销的机构', members: '{{count}} 人',
  },
  body: {
    members: '成员', current: '在任成员', history: '历任成员', noMembers: '还没有成员', noMembersHint: '添加联盟成员校的教师或学校管理员。', add: '添加成员', added: '成员已添加',
    end: '结束任期', endTitle: '结束 {{name}} 的任期', ended: '任期已结束', dissolve: '撤销机构', dissolveTitle: '撤销“{{name}}”', dissolved: '机构已撤销',
    dissolveWarning: '撤销后，在任成员的任期将于今天结束，下级机构改为隶属上一级。', edit: '编辑机构', saved: '已保存', readOnly: '你可以查看该机构，但无权修改。',
    personPlaceholder: '输入姓名搜索成员校的人员', termHint: '任期最长 6 年；不填结束日期表示未定', plans: '负责的工作计划', noPlans: '没有由本机构负责的工作计划',
    activities: '承办的活动', noActivities: '没有由本机构承办的活动',
  },
  user: { title: '联盟机构任职', empty: '没有在联盟机构任职' },
  picker: { activityBody: '承办机构', planBody: '负责机构', none: '不指定机构', hint: '本联盟的理事会、工作组、工作室等（可选）', dissolved: '{{name}}（已撤销）' },
};
