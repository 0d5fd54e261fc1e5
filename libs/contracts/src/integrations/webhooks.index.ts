// The webhook part of the integrations service's wire contract.
export * from './webhooks.dto.js';
export * from './webhooks.messages.js';
