export * from './subjects.js';
export * from './exams.dto.js';
export * from './scores.dto.js';
export * from './analysis.dto.js';
export * from './requests.js';
export * from './distribution.dto.js';
export * from './surveys.dto.js';
export * from './messages.js';
