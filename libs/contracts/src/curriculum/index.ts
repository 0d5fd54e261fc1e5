export * from './enums.js';
export * from './subjects.js';
export * from './events.js';
export * from './resources.dto.js';
export * from './facilities.dto.js';
export * from './messages.js';
