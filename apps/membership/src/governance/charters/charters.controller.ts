import {
  AttachCharterFileRequest, CharterAllianceRef, CharterDocumentRef, CharterVersionRef, CreateCharterDocumentRequest, MembershipSubjects, SignCharterRequest,
  UpdateCharterDraftRequest, WithdrawCharterRequest,
  type CharterDocumentDetailView, type CharterDocumentView, type CharterFileDownloadView, type CharterVersionView,
} from '@jiaolian/contracts';
import { AccessScope, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ChartersService } from './charters.service.js';

/** Bus handlers of charters and agreements (章程与协议). */
@Controller()
export class ChartersController {
  constructor(private readonly charters: ChartersService) {}

  @MessagePattern(MembershipSubjects.charterList)
  list(@Payload() dto: CharterAllianceRef, @Scope() scope: AccessScope): Promise<CharterDocumentView[]> {
    return this.charters.list(scope, dto.allianceId);
  }

  @MessagePattern(MembershipSubjects.charterCreate)
  @Writes()
  create(@Payload() dto: CreateCharterDocumentRequest, @Scope() scope: AccessScope): Promise<CharterVersionView> {
    return this.charters.create(scope, dto.allianceId, dto.body);
  }

  @MessagePattern(MembershipSubjects.charterGet)
  get(@Payload() dto: CharterDocumentRef, @Scope() scope: AccessScope): Promise<CharterDocumentDetailView> {
    return this.charters.get(scope, dto.allianceId, dto.documentId);
  }

  @MessagePattern(MembershipSubjects.charterAmend)
  @Writes()
  amend(@Payload() dto: CharterDocumentRef, @Scope() scope: AccessScope): Promise<CharterVersionView> {
    return this.charters.amend(scope, dto.allianceId, dto.documentId);
  }

  @MessagePattern(MembershipSubjects.charterVersionGet)
  getVersion(@Payload() dto: CharterVersionRef, @Scope() scope: AccessScope): Promise<CharterVersionView> {
    return this.charters.getVersion(scope, dto);
  }

  @MessagePattern(MembershipSubjects.charterVersionUpdate)
  @Writes()
  update(@Payload() dto: UpdateCharterDraftRequest, @Scope() scope: AccessScope): Promise<CharterVersionView> {
    return this.charters.updateDraft(scope, dto, dto.changes);
  }

  @MessagePattern(MembershipSubjects.charterVersionAttachFile)
  @Writes()
  attachFile(@Payload() dto: AttachCharterFileRequest, @Scope() scope: AccessScope): Promise<CharterVersionView> {
    return this.charters.attachFile(scope, dto, dto.file);
  }

  @MessagePattern(MembershipSubjects.charterVersionFile)
  file(@Payload() dto: CharterVersionRef, @Scope() scope: AccessScope): Promise<CharterFileDownloadView> {
    return this.charters.fileOf(scope, dto);
  }

  @MessagePattern(MembershipSubjects.charterVersionSend)
  @Writes()
  send(@Payload() dto: CharterVersionRef, @Scope() scope: AccessScope): Promise<CharterVersionView> {
    return this.charters.send(scope, dto);
  }

  @MessagePattern(MembershipSubjects.charterVersionWithdraw)
  @Writes()
  withdraw(@Payload() dto: WithdrawCharterRequest, @Scope() scope: AccessScope): Promise<CharterVersionView> {
    return this.charters.withdraw(scope, dto, dto.body.reason);
  }

  @MessagePattern(MembershipSubjects.charterVersionSign)
  @Writes()
  sign(@Payload() dto: SignCharterRequest, @Scope() scope: AccessScope): Promise<CharterVersionView> {
    return this.charters.sign(scope, dto, dto.body.schoolId);
  }
}
