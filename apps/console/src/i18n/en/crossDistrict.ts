/** Alliances across districts (跨区域合作): the two district approvals of a join request. zh-CN and English with identical keys. */
import type { crossDistrictZhCN } from '../zh-CN/crossDistrict';

export const crossDistrictEn: typeof crossDistrictZhCN = {
  badge: 'Across districts',
  approvals: 'District approvals',
  side: { alliance: "Alliance's district", school: "School's district" },
  approvalStatus: { pending: 'Awaiting approval', approved: 'Approved', refused: 'Refused' },
  decision: { approve: 'Approve', refuse: 'Refuse' },
  approveTitle: '{{action}} joining across districts: {{school}} · {{alliance}}',
  approveHint: "A school of another district joins once both districts' admins approve and the asked side accepts.",
  approved: 'Decision recorded',
  answered: 'Accepted, awaiting the districts',
  awaitingMine: 'Awaiting my approval',
};
