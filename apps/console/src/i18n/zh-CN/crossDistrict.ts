/** Alliances across districts (跨区域合作): the two district approvals of a join request. zh-CN and English with identical keys. */
export const crossDistrictZhCN = {
  badge: '跨区县',
  approvals: '教育局审批',
  side: { alliance: '联盟所在区县', school: '学校所在区县' },
  approvalStatus: { pending: '待审批', approved: '已同意', refused: '已拒绝' },
  decision: { approve: '同意', refuse: '拒绝' },
  approveTitle: '{{action}}跨区县加入：{{school}} · {{alliance}}',
  approveHint: '跨区县加入须经联盟所在区县和学校所在区县的教育局都同意，并由受邀（或受理）一方接受后生效。',
  approved: '已审批',
  answered: '已接受，待教育局审批',
  awaitingMine: '待我审批',
};
