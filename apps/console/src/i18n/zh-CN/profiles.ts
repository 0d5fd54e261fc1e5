/** School profiles (学校画像), the needs survey (调研) and pairing suggestions (结对推荐). zh-CN and English with identical keys. */
export const profilesZhCN = {
  nav: { rounds: '学校画像调研', suggestions: '结对推荐' },
  roundStatus: { open: '进行中', closed: '已结束' },
  level: { high: '高', medium: '中', low: '低' },
  category: { subject: '学科', grade: '年级', facility: '场地设施', speciality: '办学特色' },
  change: { added: '新增', removed: '移除', level_changed: '程度变化' },
  suggestionKind: { school: '结对帮扶', alliance: '加入联盟' },
  fields: {
    term: '学期', deadline: '截止时间', status: '状态', submitted: '已提交', instructions: '填写说明', school: '学校', tag: '标签', level: '程度',
    strengths: '优势', needs: '需求', specialities: '特色与设施', capacity: '可帮扶学校数', note: '补充说明',
  },
  rounds: {
    title: '学校画像调研', subtitle: '每学期一次：各校填报优势、需求与可帮扶学校数，作为结对推荐的依据', open: '发起调研', opened: '调研已发起',
    empty: '还没有调研', emptyHint: '教育局管理员发起本学期的调研后，各校管理员即可填报。',
  },
  round: {
    title: '{{term}} 学期学校画像调研', close: '结束调研', closeConfirm: '结束后各校不能再修改画像，确定结束？', closed: '调研已结束',
    submittedAt: '已提交 {{time}}', notYet: '未提交', fillIn: '填写画像', edit: '修改画像', saved: '画像已提交',
  },
  form: {
    title: '{{school}} 的学校画像', submit: '提交画像', repeated: '该标签已在列表中', remove: '删除此项',
    add: { strengths: '添加优势', needs: '添加需求' },
    strengthsHint: '本校可以提供给其他学校的学科、年级或设施', needsHint: '本校最需要帮扶的方面，程度越高越优先', capacityHint: '本校可以同时帮扶几所学校（0 表示暂不承担）',
  },
  view: { changes: '与上学期相比', noChanges: '与 {{term}} 学期相同', firstTerm: '本校第一次填报，暂无对比' },
  suggestions: {
    title: '结对推荐', subtitle: '按本学期各校画像，在距离上限内用支援校的优势满足薄弱校的需求，不超过任何学校的帮扶能力',
    kind: '类型', provider: '支援方', school: '受援校', supplies: '可满足的需求', distance: '距离', reason: '推荐理由',
    accept: '采纳为结对', acceptConfirm: '由{{provider}}帮扶{{school}}，创建结对帮扶（筹建中）？', accepted: '已创建结对帮扶“{{name}}”（筹建中）',
    travelLimit: '距离上限', roadFactor: '道路系数', includeAlliances: '推荐加入联盟', status: '求解状态', optimal: '已证明最优', objective: '目标值',
    profiles: '已填报学校', candidates: '候选结对数', objectiveHint: '目标：满足的需求权重（高 3、中 2、低 1，乘以支援方优势系数）减去每公里 {{penalty}} 的距离惩罚',
    empty: '暂无推荐', emptyHint: '需要本学期已提交的学校画像：有需求的学校和有帮扶能力的学校。', unmet: '需求暂未满足的学校', chart: '推荐结对的距离',
  },
};
