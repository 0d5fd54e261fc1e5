// The notification centre and chat robots (integrations service): subjects, DTOs, templates in zh-CN and English.
export * from './subjects.js';
export * from './notifications.dto.js';
export * from './templates.js';
export * from './messages.js';
