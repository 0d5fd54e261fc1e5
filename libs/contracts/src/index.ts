// The wire contract between the gateway and the services: subjects, request DTOs, replies and events.
export * from './common/caller.js';
export * from './common/paging.js';
export * from './common/problem.js';
export * from './common/messages.js';
export * from './common/events.js';
export * from './common/health.js';
export * from './common/requests.js';
export * from './common/validation.js';
export * from './common/dashboard.js';
export * from './common/terms.js';
export * from './common/term-facts.js';
export * from './membership/index.js';
export * from './directory/index.js';
export * from './curriculum/index.js';
export * from './assessment/index.js';
export * from './teacher-exchange/index.js';
export * from './activities/index.js';
