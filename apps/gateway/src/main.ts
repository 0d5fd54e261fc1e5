import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { loadGatewayConfig } from './config.js';
import { createGatewayApp } from './gateway.app.js';
import { buildOpenApiDocument } from './openapi/openapi.document.js';

/**
 * `node apps/gateway/dist/main.js` serves the API; `node apps/gateway/dist/main.js openapi [file]`
 * writes the OpenAPI document (to stdout without a file) and exits without touching NATS.
 */
async function main(): Promise<void> {
  const config = loadGatewayConfig();
  if (process.argv[2] === 'openapi') {
    process.env['LOG_LEVEL'] = 'error';
    const { app } = await createGatewayApp({ ...config, kit: { ...config.kit, logLevel: 'error' } });
    const text = `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`;
    const file = process.argv[3];
    if (file) writeFileSync(file, text);
    else process.stdout.write(text);
    return;
  }
  const { app, logger } = await createGatewayApp(config);
  app.enableShutdownHooks();
  await app.listen({ port: config.port, host: config.host });
  const address = app.getHttpServer().address();
  logger.info({ address, port: typeof address === 'object' && address ? address.port : config.port }, 'gateway listening');
}

main().catch((error: unknown) => {
  process.stderr.write(`gateway failed to start: ${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
