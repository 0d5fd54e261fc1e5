// Who may call a route: @Public() or @Roles(...), enforced by the global AuthGuard.
export * from './auth.decorators.js';
export * from './auth.guard.js';
