// Each domain service's own copy of alliance membership, fed by membership events.
export * from './directory.entities.js';
export * from './directory-tables.migration.js';
export * from './directory.state.js';
export * from './directory.projection.js';
export * from './directory.service.js';
export * from './directory.module.js';
