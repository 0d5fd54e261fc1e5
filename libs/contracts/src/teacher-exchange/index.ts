// Teacher exchange (教师交流): teachers, placements between alliance schools, itinerant timetable slots, yearly exchange quotas.
export * from './enums.js';
export * from './subjects.js';
export * from './teachers.dto.js';
export * from './placements.dto.js';
export * from './slots.dto.js';
export * from './quotas.dto.js';
export * from './requests.js';
export * from './messages.js';
export * from './mentorship.dto.js';
export * from './observation.dto.js';
export * from './my-week.dto.js';
export * from './solver-inputs.dto.js';
