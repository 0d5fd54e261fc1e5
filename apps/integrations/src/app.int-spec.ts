import { describeServiceOnTheBus } from '@jiaolian/service-kit/testing';

// The service as it runs: migrations on an empty database, health, its directory of membership events.
describeServiceOnTheBus('integrations', async () => (await import('./app.module.js')).AppModule);
