/** Satisfaction surveys (满意度调查): list, builder, templates, links and QR codes, answering, results. zh-CN and English with identical keys. */
export const surveysZhCN = {
  nav: { surveys: '满意度调查' },
  status: { draft: '草稿', open: '进行中', closed: '已结束' },
  level: { district: '区县问卷', alliance: '联盟问卷', school: '学校问卷' },
  audience: { teachers: '教师', students: '学生', parents: '家长' },
  kind: { single: '单选题', multiple: '多选题', likert: '量表题（1–5）', text: '问答题' },
  breakdown: { 'school-audience': '学校 × 对象', school: '按学校', audience: '按对象' },
  fields: {
    title: '问卷名称', description: '说明', term: '学期', level: '发起层级', alliance: '教联体', school: '学校', audiences: '调查对象', opensAt: '开始时间',
    closesAt: '截止时间', anonymous: '匿名', minGroupSize: '每组最少答卷数', status: '状态', template: '模板', responses: '答卷数', question: '题目',
    kind: '题型', required: '必答', options: '选项', labels: '刻度标签', satisfaction: '计入满意度', count: '链接数量', label: '备注',
  },
  list: {
    title: '满意度调查', subtitle: '面向教师、学生和家长的满意度与反馈问卷；匿名问卷不保存作答者身份', create: '新建问卷', templates: '问卷模板',
    search: '搜索问卷名称', empty: '还没有问卷', emptyHint: '教育局、联盟或学校管理员可以新建问卷，也可以从模板新建。', created: '问卷已创建',
    toAnswer: '待我填写', answer: '去填写', allTerms: '全部学期',
  },
  builder: {
    fromTemplate: '从模板新建', fromScratch: '自己出题', addQuestion: '添加题目', removeQuestion: '删除', optionsHint: '输入选项后回车，2–20 个',
    anonymousHint: '匿名问卷不保存账号、IP 或链接与答卷的对应关系', minGroupHint: '一组（学校 × 对象）答卷少于该数时不显示结果，最少 3',
    activityHint: '本问卷是活动场次（{{time}}）的反馈问卷', feedbackSurvey: '为本场活动创建反馈问卷',
  },
  templates: { title: '问卷模板', subtitle: '区县统一的问卷模板，各联盟和学校可以据此新建问卷', create: '新建模板', created: '模板已保存', empty: '还没有模板' },
  detail: {
    overview: '概况', questions: '题目', links: '答题链接', results: '结果', open: '发布问卷', close: '结束问卷', openConfirm: '发布后题目不能再修改，确定发布？',
    closeConfirm: '结束后不再接受作答，确定结束？', moved: '问卷状态已更新', accepting: '正在接受作答', notAccepting: '当前不接受作答',
    readOnly: '你可以查看此问卷，但无权管理。', activity: '关联活动',
  },
  links: {
    issue: '生成答题链接', issued: '已生成 {{count}} 个链接', batches: '已生成的链接', used: '已使用', shownOnce: '链接只显示这一次：请现在打印或下载。系统只保存链接的摘要，无法再次查看。',
    print: '打印二维码', createdAt: '生成时间', download: '下载链接清单（.csv）', no: '序号', link: '链接', empty: '还没有生成链接', qr: '二维码',
  },
  results: {
    shown: '已显示 {{count}} 份答卷（只含答卷数达到 {{min}} 份的组）', fewer: '答卷少于 {{min}} 份，为保护作答者不显示', export: '导出结果（.xlsx）',
    overall: '总体', mean: '平均分 {{mean}}（满意度 {{score}}）', answered: '{{count}} 人作答', noText: '无文字回答', groups: '分组结果', forbidden: '教师只填写问卷，不查看结果。',
  },
  answer: {
    title: '填写问卷', submit: '提交', submitted: '感谢您的参与！答卷已提交。', anonymous: '本问卷匿名填写：不会保存您的身份、IP 地址，也无法把这份答卷和您的链接对应起来。',
    required: '请回答此题', closesAt: '截止时间：{{time}}', invalid: '该链接无效', used: '该链接已经作答过，每个链接只能作答一次。', school: '{{school}} · {{audience}}',
    placeholder: '请输入', unavailable: '问卷当前不接受作答',
  },
};
