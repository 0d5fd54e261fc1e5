// `@jiaolian/service-kit/testing`: the suites every service on the kit runs against itself (tests only).
export * from './service-suites.js';
