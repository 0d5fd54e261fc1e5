// Test harness: real PostgreSQL and NATS for integration and API tests, and factories.
export * from './servers.js';
export * from './global-setup.js';
export * from './stack.js';
export * from './robot-receivers.js';
