import { Module } from '@nestjs/common';
import { AlliancesController } from './alliances.controller.js';
import { ApiClientsController } from './api-clients.controller.js';
import { AuditController } from './audit.controller.js';
import { DistrictsController } from './districts.controller.js';
import { JoinRequestsController } from './join-requests.controller.js';
import { ProfilesController } from './profiles.controller.js';
import { SchoolsController } from './schools.controller.js';
import { UsersController } from './users.controller.js';
import { ChartersController } from './charters.controller.js';
import { BodiesController } from './bodies.controller.js';

/** REST routes of the membership service: districts, schools, alliances, join requests, users, API clients, audit. */
@Module({
  controllers: [DistrictsController, SchoolsController, AlliancesController, JoinRequestsController, UsersController, ApiClientsController, AuditController,
    ProfilesController,
    ChartersController,
    BodiesController,
  ],
})
export class MembershipModule {}
