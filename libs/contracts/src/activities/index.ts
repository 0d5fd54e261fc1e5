// The activities service's wire contract: activities with recurrence, registrations, minutes, calendar feeds, work plans, briefings and the semester archive.
export * from './enums.js';
export * from './subjects.js';
export * from './events.js';
export * from './activities.dto.js';
export * from './registrations.dto.js';
export * from './minutes.dto.js';
export * from './calendar.dto.js';
export * from './plans.dto.js';
export * from './briefings.dto.js';
export * from './archives.dto.js';
export * from './requests.js';
export * from './messages.js';
