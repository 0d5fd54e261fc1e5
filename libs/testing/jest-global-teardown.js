import { stopTestServers } from './dist/index.js';
export default async function teardown() {
  await stopTestServers();
}
