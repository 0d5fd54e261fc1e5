/** Charters and agreements (章程与协议) of an alliance: list, version with signing status, draft editor. zh-CN and English with identical keys. */
import type { chartersZhCN } from '../zh-CN/charters';

export const chartersEn: typeof chartersZhCN = {
  tab: 'Charters & agreements',
  kind: { charter: 'Charter', cooperation_agreement: 'Cooperation agreement', pairing_agreement: 'Pairing agreement' },
  status: { draft: 'Draft', signing: 'Out for signing', in_force: 'In force', superseded: 'Superseded', expired: 'Expired' },
  fields: {
    title: 'Title', kind: 'Kind', body: 'Text', sharedScope: 'What is shared', duties: 'Duties of each school', disputeResolution: 'Dispute resolution', validFrom: 'Valid from',
    validTo: 'Valid to', validity: 'Validity', current: 'Current version', pending: 'Pending version', unsigned: 'Not signed', version: 'Version', number: 'Version {{number}}',
    school: 'School', signedBy: 'Signed by', signedAt: 'Signed at', hash: 'Hash signed', required: 'Must sign', file: 'File',
  },
  list: {
    create: 'Draft a charter or agreement', empty: 'No charters or agreements yet',
    emptyHint: 'The alliance admin drafts a charter, cooperation agreement or pairing agreement and sends it to the member schools to sign.', allSigned: 'All signed', open: 'Open',
  },
  version: {
    title: '{{title}}, version {{number}}', signing: 'Signatures', signedCount: '{{signed}}/{{required}} signed', notSigned: 'Not signed', joinedLater: 'Joined later (does not sign this version)',
    hashOk: 'Hash matches', hashBad: 'Hash differs: the content changed after signing', altered: 'The stored content differs from what was sent for signing', amends: 'Amends version {{number}}',
    noBody: '(no text)', download: 'Download file', upload: 'Upload file', uploaded: 'File uploaded', versions: 'Versions',
  },
  action: {
    edit: 'Edit draft', send: 'Send for signing', withdraw: 'Withdraw', amend: 'Draft an amendment', sign: 'Sign for {{school}}',
    sendConfirm: 'Sending locks the content and asks the admins of every member school to sign. Send?', withdrawConfirm: 'Withdrawing voids the signatures given so far and returns the version to draft. Withdraw?',
    signConfirm: 'Sign this version for {{school}}? Your name, the time and the hash of the version are recorded.', withdrawReason: 'Reason for withdrawing',
  },
  done: { created: 'Draft created', saved: 'Draft saved', sent: 'Sent for signing', withdrawn: 'Withdrawn to draft', signed: 'Signed', inForce: 'Every school has signed: the version is in force', amended: 'Amendment drafted' },
  editor: {
    createTitle: 'Draft a charter or agreement', editTitle: 'Edit draft', bodyHelp: 'Plain text or Markdown, shown as written', dutiesHelp: 'Fill in for the schools whose duties the text names; empty ones are left out',
    validityOrder: 'Valid to must not be before valid from',
  },
};
