// Jest globalSetup for integration and API tests: real PostgreSQL and NATS for the whole run.
import { startTestServers } from './dist/index.js';
export default async function setup() {
  await startTestServers();
}
