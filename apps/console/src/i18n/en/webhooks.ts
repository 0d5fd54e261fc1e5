/** Webhooks (事件推送): subscriptions, the signing secret, delivery log with attempts and replay. zh-CN and English with identical keys. */
import type { webhooksZhCN } from '../zh-CN/webhooks';

export const webhooksEn: typeof webhooksZhCN = {
  nav: { webhooks: 'Webhooks' },
  status: { active: 'Active', paused: 'Paused', disabled: 'Disabled' },
  deliveryStatus: { pending: 'Pending', succeeded: 'Delivered', failed: 'Failed' },
  trigger: { scheduled: 'Automatic', replay: 'Replay', ping: 'Test' },
  domain: { membership: 'Organisation and schools', exchange: 'Teacher exchange', curriculum: 'Curriculum and resources', activities: 'Alliance activities', assessment: 'Assessment' },
  action: { pause: 'Pause', resume: 'Resume', disable: 'Disable', ping: 'Send test', rotate: 'Rotate secret' },
  pausedForFailures: 'Paused after failures',
  fields: {
    url: 'Endpoint URL', description: 'Description', eventTypes: 'Event types', status: 'Status', pending: 'Pending', lastSuccess: 'Last delivered', createdAt: 'Created',
    eventType: 'Event', resource: 'Resource', attempts: 'Attempts', nextAttempt: 'Next attempt', failures: 'Failures in a row', secretRotatedAt: 'Secret rotated',
    attemptAt: 'Attempted', trigger: 'Trigger', httpStatus: 'HTTP status', duration: 'Duration', response: 'Response',
  },
  list: {
    title: 'Webhooks', subtitle: 'When data changes, the platform posts it, signed as Standard Webhooks specifies, to third-party endpoints', create: 'New subscription',
    search: 'Search URL or description', empty: 'No webhook subscriptions yet',
    emptyHint: 'Subscribe an endpoint to push changes of schools, alliances, exchanges and more to a regional platform or data centre as they happen.', created: 'Subscription created',
  },
  form: {
    urlHint: 'An https address that does not point into a private network', urlInvalid: 'Enter a full URL starting with https://',
    eventTypesHint: 'Choose the events to push; * pushes all', wildcards: 'Wildcards', allEvents: 'All events',
  },
  secret: {
    createdTitle: 'Subscription created: save the signing secret', rotatedTitle: 'Signing secret rotated', once: 'The secret is shown only this once; it cannot be read again after you close this.',
    howTo: 'Receivers verify the webhook-signature header with it (HMAC-SHA256, Standard Webhooks). For 24 hours after a rotation, signatures with both secrets are sent.', saved: 'I have saved it',
  },
  detail: {
    title: 'Webhook subscription', deliveries: 'Delivery log', deliveryStatus: 'Delivery status', replay: 'Replay', replayed: 'Replay scheduled', noAnswer: 'No answer',
    noDeliveries: 'No deliveries yet', noDeliveriesHint: 'Events you subscribed to appear here as they happen; or click "Send test".',
    pingOk: 'Test message delivered (HTTP {{status}})', pingFailed: 'Test message not delivered: {{reason}}',
    disableConfirm: 'A disabled subscription keeps no new events and gives up pending deliveries. Disable it?', rotateConfirm: 'The old secret stays valid for 24 hours. Rotate?',
  },
};
