/** Webhooks (事件推送): subscriptions, the signing secret, delivery log with attempts and replay. zh-CN and English with identical keys. */
export const webhooksZhCN = {
  nav: { webhooks: '事件推送' },
  status: { active: '启用', paused: '已暂停', disabled: '已停用' },
  deliveryStatus: { pending: '待发送', succeeded: '已送达', failed: '失败' },
  trigger: { scheduled: '自动', replay: '手动重发', ping: '测试' },
  domain: { membership: '组织与学校', exchange: '教师交流', curriculum: '课程与资源', activities: '联盟活动', assessment: '质量评价' },
  action: { pause: '暂停', resume: '恢复', disable: '停用', ping: '发送测试', rotate: '更换密钥' },
  pausedForFailures: '因连续失败暂停',
  fields: {
    url: '推送地址', description: '说明', eventTypes: '事件类型', status: '状态', pending: '待发送', lastSuccess: '最近送达', createdAt: '产生时间',
    eventType: '事件', resource: '对象', attempts: '尝试次数', nextAttempt: '下次尝试', failures: '连续失败次数', secretRotatedAt: '密钥更新时间',
    attemptAt: '尝试时间', trigger: '方式', httpStatus: 'HTTP 状态', duration: '耗时', response: '对方应答',
  },
  list: {
    title: '事件推送', subtitle: '数据变化时，平台按 Standard Webhooks 规范签名后推送到第三方系统的地址', create: '新建订阅', search: '搜索推送地址或说明',
    empty: '还没有事件推送订阅', emptyHint: '新建订阅，把学校、联盟、交流等数据的变化实时推送到区域平台或数据中心。', created: '订阅已创建',
  },
  form: {
    urlHint: '须为 https 地址，且不能指向内网地址', urlInvalid: '请输入以 https:// 开头的完整网址', eventTypesHint: '选择要推送的事件，可用 * 推送全部',
    wildcards: '通配', allEvents: '全部事件',
  },
  secret: {
    createdTitle: '订阅已创建：请保存签名密钥', rotatedTitle: '已更换签名密钥', once: '密钥只显示这一次，关闭后无法再次查看。',
    howTo: '接收方用此密钥校验 webhook-signature 请求头（HMAC-SHA256，Standard Webhooks 规范）。更换密钥后 24 小时内新旧密钥的签名都会附上。', saved: '我已保存',
  },
  detail: {
    title: '推送订阅详情', deliveries: '推送记录', deliveryStatus: '推送状态', replay: '重发', replayed: '已安排重发', noAnswer: '无应答',
    noDeliveries: '还没有推送记录', noDeliveriesHint: '订阅的事件发生后会出现在这里；也可以点击“发送测试”。',
    pingOk: '测试消息已送达（HTTP {{status}}）', pingFailed: '测试消息未送达：{{reason}}',
    disableConfirm: '停用后不再保留新事件，待发送的推送也将放弃。确定停用？', rotateConfirm: '更换后旧密钥在 24 小时内仍然有效。确定更换？',
  },
};
