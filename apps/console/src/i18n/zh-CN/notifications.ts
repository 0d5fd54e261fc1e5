/** The notification centre (bell, list, preferences) and chat robot settings. zh-CN and English with identical keys. */
export const notificationsZhCN = {
  bell: { label: '通知', title: '通知', unreadOnly: '只看未读', markAllRead: '全部标为已读', markRead: '标为已读', empty: '暂无通知', open: '查看', preferences: '通知设置', robots: '群机器人', read: '已读' },
  kind: {
    'placement_approval-requested': '交流安排待审批', 'placement_approved': '交流安排已批准', 'placement_rejected': '交流安排未获批准',
    'booking_requested': '预约待审批', 'booking_approved': '预约已批准', 'booking_rejected': '预约未获批准',
    'join-request_created': '加入联盟申请', 'action-item_due-soon': '待办即将到期', 'action-item_overdue': '待办已逾期', 'webhook_paused': '事件推送暂停',
    'charter_signing-requested': '章程与协议待签署', 'charter_expiring-soon': '章程与协议即将到期',
    'profile-round_deadline': '画像调研即将截止',
    'evaluation_opened': '考核评价待自评', 'evaluation_review-requested': '考核评价待审核', 'evaluation_returned': '考核评价被退回', 'evaluation_published': '考核评价已发布',
    'survey_answer-due': '问卷待填写', 'survey_closing-soon': '问卷即将截止', 'survey_closed': '问卷已截止',
  },
  preferences: {
    title: '通知设置', subtitle: '选择要接收的通知类型，以及是否同时发送电子邮件', kinds: '接收的通知', email: '同时发送电子邮件', emailUnavailable: '本平台未配置邮件服务，暂不能发送邮件。',
    saved: '通知设置已保存', save: '保存',
  },
  robots: {
    title: '群机器人', subtitle: '把通知推送到学校或联盟的企业微信群、钉钉群（中文消息）', add: '添加机器人', owner: '所属', ownerType: '类型', channel: '渠道', name: '名称',
    webhookUrl: '机器人地址', secret: '加签密钥', secretHint: '钉钉机器人“加签”安全设置中的密钥（SEC 开头），保存后不再显示', secretKept: '已保存密钥；留空则保持不变',
    kinds: '推送的通知', enabled: '启用', lastDelivered: '最近送达', lastError: '最近错误', test: '发送测试消息', tested: '测试消息已送达', testFailed: '测试消息未送达：{{error}}',
    created: '机器人已添加', saved: '已保存', deleted: '机器人已删除', remove: '删除', confirmRemove: '删除这个机器人？尚未发出的消息也将一并删除。', empty: '还没有群机器人',
    emptyHint: '在企业微信群或钉钉群中添加“群机器人”，把它的 Webhook 地址填到这里。', edit: '修改', chooseOwner: '选择学校或联盟',
  },
  channel: { wecom: '企业微信', dingtalk: '钉钉' },
  ownerType: { school: '学校', alliance: '联盟' },
};
