/** API clients (第三方应用): list, registration with scopes and reach, the secret shown once, rotation, revocation. zh-CN and English with identical keys. */
import type { apiClientsZhCN } from '../zh-CN/apiClients';

export const apiClientsEn: typeof apiClientsZhCN = {
  nav: { apiClients: 'API clients' },
  status: { active: 'Active', revoked: 'Revoked' },
  domains: {
    membership: 'Schools and alliances', exchange: 'Teacher exchange', curriculum: 'Curriculum', activities: 'Activities', assessment: 'Assessment', integrations: 'Change feed and webhooks',
  },
  access: { read: 'Read', write: 'Read and write' },
  fields: {
    name: 'Name', description: 'Description', clientId: 'Client ID (client_id)', scopes: 'Scopes', reach: 'Reach', reachDistrict: 'The whole district',
    reachAlliances: 'Some alliances', rateLimit: 'Requests per minute', status: 'Status', createdAt: 'Registered', secretIssuedAt: 'Secret issued',
  },
  list: {
    title: 'API clients', subtitle: 'Regional platforms, data centres and school-home apps connect to the API with OAuth2 client credentials', create: 'Register a client',
    search: 'Search by name or client ID', empty: 'No API clients yet', emptyHint: "Register a client, then hand its client ID and secret to the other side's developers.",
    allStatuses: 'All statuses',
  },
  form: {
    title: 'Register an API client', scopesHint: 'Read and write includes read; grant only what the other side needs.',
    reachHint: 'The client sees the data of its reach as a district admin or alliance admin would.', scopesRequired: 'Choose at least one scope',
    reachRequired: 'Choose the whole district or at least one alliance', created: 'Client registered',
  },
  secret: {
    title: 'Save the client secret now', warning: 'The secret is shown this once and cannot be shown again. If it is lost, rotate to get a new one.', copy: 'Copy',
    copied: 'Copied to the clipboard', copyFailed: 'Could not copy; select it and copy by hand', done: 'I have saved it', previousExpires: 'The old secret stops working at {{time}}',
    clientSecret: 'Client secret (client_secret)',
  },
  rotate: {
    action: 'Rotate secret', confirm: 'Generate a new secret? The old one keeps working during the grace period.', grace: 'Grace period of the old secret',
    graceHours: '{{hours}} hours', now: 'Ends at once', rotated: 'New secret generated',
  },
  revoke: {
    action: 'Revoke', confirm: "Revoking ends the client's secrets and tokens at once and cannot be undone. Revoke it?", revoked: 'Client revoked',
  },
};
