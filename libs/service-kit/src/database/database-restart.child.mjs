// Test-only child process for database-restart.int-spec.ts: a service started by the kit's own
// bootstrap (its pool, outbox relay, health server and NATS transport) that answers one public
// subject by writing a row and its outbox event in one transaction. Plain JavaScript, so the
// decorators are applied as functions.
import { Controller, Inject, Module } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { bootstrapService, KitTables1764400000000, OutboxWriter, PUBLIC_SUBJECTS, ServiceKitModule } from '@jiaolian/service-kit';
import { DataSource } from 'typeorm';

const [subject, eventSubject, districtId] = process.argv.slice(2);
PUBLIC_SUBJECTS.add(subject);

class WriteController {
  constructor(dataSource, outbox) {
    this.dataSource = dataSource;
    this.outbox = outbox;
  }

  async write(data) {
    return this.dataSource.transaction(async (manager) => {
      const [row] = await manager.query('INSERT INTO restart_write (note) VALUES ($1) RETURNING id', [data.note]);
      // a pause inside the transaction, as a handler that asks another service makes
      await new Promise((resolve) => setTimeout(resolve, 2));
      await this.outbox.add(manager, null, { subject: eventSubject, districtId, data: { id: row.id } });
      return { id: row.id };
    });
  }
}
Inject(DataSource)(WriteController, undefined, 0);
Inject(OutboxWriter)(WriteController, undefined, 1);
MessagePattern(subject)(WriteController.prototype, 'write', Object.getOwnPropertyDescriptor(WriteController.prototype, 'write'));
Controller()(WriteController);

class RestartTestModule {}
Module({
  imports: [ServiceKitModule.forService({ service: 'activities', entities: [], migrations: [KitTables1764400000000] })],
  controllers: [WriteController],
})(RestartTestModule);

await bootstrapService('activities', RestartTestModule);
