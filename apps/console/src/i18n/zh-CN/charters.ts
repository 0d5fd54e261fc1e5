/** Charters and agreements (章程与协议) of an alliance: list, version with signing status, draft editor. zh-CN and English with identical keys. */
export const chartersZhCN = {
  tab: '章程与协议',
  kind: { charter: '章程', cooperation_agreement: '合作协议', pairing_agreement: '帮扶协议' },
  status: { draft: '草稿', signing: '签署中', in_force: '已生效', superseded: '已被取代', expired: '已到期' },
  fields: {
    title: '标题', kind: '类型', body: '正文', sharedScope: '共享内容', duties: '各校职责', disputeResolution: '争议解决', validFrom: '生效日期', validTo: '截止日期',
    validity: '有效期', current: '现行版本', pending: '待签版本', unsigned: '未签署学校', version: '版本', number: '第 {{number}} 版', school: '学校', signedBy: '签署人',
    signedAt: '签署时间', hash: '签署哈希', required: '须签署', file: '附件',
  },
  list: { create: '起草章程或协议', empty: '还没有章程或协议', emptyHint: '联盟管理员可以起草章程、合作协议或帮扶协议，发送各成员校签署。', allSigned: '均已签署', open: '查看' },
  version: {
    title: '《{{title}}》第 {{number}} 版', signing: '签署情况', signedCount: '已签 {{signed}}/{{required}}', notSigned: '未签署', joinedLater: '后加入（无需签署此版本）',
    hashOk: '哈希一致', hashBad: '哈希不一致：内容在签署后被改动', altered: '存储内容与发送签署时不一致', amends: '修订自第 {{number}} 版', noBody: '（无正文）',
    download: '下载附件', upload: '上传附件', uploaded: '附件已上传', versions: '历史版本',
  },
  action: {
    edit: '编辑草稿', send: '发送签署', withdraw: '撤回', amend: '起草修订版', sign: '代表{{school}}签署',
    sendConfirm: '发送后内容将被锁定，并通知各成员校管理员签署。确定发送？', withdrawConfirm: '撤回后已有的签署将作废，版本回到草稿。确定撤回？',
    signConfirm: '确认代表{{school}}签署此版本？签署将记录您的姓名、时间和该版本内容的哈希值。', withdrawReason: '撤回原因',
  },
  done: { created: '草稿已创建', saved: '草稿已保存', sent: '已发送签署', withdrawn: '已撤回为草稿', signed: '已签署', inForce: '所有学校均已签署，版本已生效', amended: '修订草稿已创建' },
  editor: { createTitle: '起草章程或协议', editTitle: '编辑草稿', bodyHelp: '纯文本或 Markdown，按原文显示', dutiesHelp: '为需要写明职责的成员校填写；留空则不列出', validityOrder: '截止日期不能早于生效日期' },
};
