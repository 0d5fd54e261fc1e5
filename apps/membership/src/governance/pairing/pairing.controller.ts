import {
  AcceptSuggestionRequest, MembershipSubjects, PairingSuggestionsRequest, SetRoadDistanceRequest,
  type AllianceDetailView, type PairingSuggestionsView, type RoadDistanceView,
} from '@jiaolian/contracts';
import { AccessScope, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { PairingService } from './pairing.service.js';

@Controller()
export class PairingController {
  constructor(private readonly pairing: PairingService) {}

  @MessagePattern(MembershipSubjects.pairingSuggestions)
  suggestions(@Payload() dto: PairingSuggestionsRequest, @Scope() scope: AccessScope): Promise<PairingSuggestionsView> {
    return this.pairing.suggestions(scope, dto.id, dto.query);
  }

  @MessagePattern(MembershipSubjects.pairingAccept)
  @Writes()
  accept(@Payload() dto: AcceptSuggestionRequest, @Scope() scope: AccessScope): Promise<AllianceDetailView> {
    return this.pairing.accept(scope, dto.id, dto.body);
  }

  @MessagePattern(MembershipSubjects.roadDistanceSet)
  @Writes()
  setRoadDistance(@Payload() dto: SetRoadDistanceRequest, @Scope() scope: AccessScope): Promise<RoadDistanceView> {
    return this.pairing.setRoadDistance(scope, dto.id, dto.body);
  }
}
