// The public event catalogue and the change feed of the integrations service's wire contract.
export * from './public-events.js';
export * from './changes.dto.js';
export * from './changes.messages.js';
