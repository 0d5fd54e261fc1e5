import { Body, Controller, Get, Patch, Post, Req, Res } from '@nestjs/common';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiOperation, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  CHARTER_FILE_EXTENSIONS, CHARTER_FILE_MAX_MB, CharterDocumentDetailView, CharterDocumentView, CharterVersionView, CreateCharterDocumentDto,
  MembershipSubjects, SignCharterDto, UpdateCharterDraftDto, UploadCharterFileForm, WithdrawCharterDto,
  type AttachCharterFileRequest, type CharterAllianceRef, type CharterDocumentRef, type CharterFileDownloadView, type CharterVersionRef,
  type CreateCharterDocumentRequest, type SignCharterRequest, type UpdateCharterDraftRequest, type WithdrawCharterRequest,
} from '@jiaolian/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ANY_ROLE, Call, ClientScopes, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { receiveUpload, sendStoredFile } from '../common/files/uploads.js';
import { IdParam } from '../common/http/id-param.js';
import { ApiProblems, ApiRoute } from '../openapi/api-route.decorator.js';

const MANAGERS = ['district_admin', 'alliance_admin'] as const;
const uuid = { type: 'string', format: 'uuid' } as const;
const AllianceParam = ApiParam({ name: 'allianceId', schema: uuid });
const DocumentParam = ApiParam({ name: 'documentId', schema: uuid });
const VersionParam = ApiParam({ name: 'versionId', schema: uuid });

/**
 * Charters and agreements (章程与协议) of an alliance or pairing: versions drafted by the alliance
 * admin, signed by each member school's admin with the SHA-256 of the exact version, in force when
 * every school of the time of sending has signed.
 */
@ApiTags('charters')
@ClientScopes('membership')
@Controller('alliances/:allianceId/documents')
export class ChartersController {
  constructor(private readonly bus: GatewayBus) {}

  @Get()
  @Roles(...ANY_ROLE)
  @AllianceParam
  @ApiOperation({ summary: 'The alliance\'s charters and agreements with their status and the schools that have not signed' })
  @ApiOkResponse({ type: [CharterDocumentView] })
  @ApiProblems(400, 404, 429, 503, 504)
  list(@IdParam('allianceId') allianceId: string, @Call() call: CallContext): Promise<CharterDocumentView[]> {
    const payload: CharterAllianceRef = { allianceId };
    return this.bus.request(call, MembershipSubjects.charterList, payload);
  }

  @Post()
  @Roles(...MANAGERS)
  @AllianceParam
  @ApiRoute({
    summary: 'Draft a charter (章程), cooperation agreement (合作协议) or, for a pairing, a pairing agreement (帮扶协议): its first version as a draft',
    view: CharterVersionView, status: 201, problems: [403, 404, 409],
  })
  create(@IdParam('allianceId') allianceId: string, @Body() body: CreateCharterDocumentDto, @Call() call: CallContext): Promise<CharterVersionView> {
    const payload: CreateCharterDocumentRequest = { allianceId, body };
    return this.bus.request(call, MembershipSubjects.charterCreate, payload);
  }

  @Get(':documentId')
  @Roles(...ANY_ROLE)
  @AllianceParam @DocumentParam
  @ApiRoute({ summary: 'One document with its versions (drafts only for the alliance admins)', view: CharterDocumentDetailView, problems: [404] })
  get(@IdParam('allianceId') allianceId: string, @IdParam('documentId') documentId: string, @Call() call: CallContext): Promise<CharterDocumentDetailView> {
    const payload: CharterDocumentRef = { allianceId, documentId };
    return this.bus.request(call, MembershipSubjects.charterGet, payload);
  }

  @Post(':documentId/versions')
  @Roles(...MANAGERS)
  @AllianceParam @DocumentParam
  @ApiRoute({ summary: 'Draft an amendment: a new version copied from the one in force, signed again by every school', view: CharterVersionView, status: 201, problems: [403, 404, 409] })
  amend(@IdParam('allianceId') allianceId: string, @IdParam('documentId') documentId: string, @Call() call: CallContext): Promise<CharterVersionView> {
    const payload: CharterDocumentRef = { allianceId, documentId };
    return this.bus.request(call, MembershipSubjects.charterAmend, payload);
  }

  @Get(':documentId/versions/:versionId')
  @Roles(...ANY_ROLE)
  @AllianceParam @DocumentParam @VersionParam
  @ApiRoute({
    summary: 'One version with its text, fields and the signing status of every school (who signed, when, the hash signed, checked against the version now)',
    view: CharterVersionView, problems: [404],
  })
  version(
    @IdParam('allianceId') allianceId: string, @IdParam('documentId') documentId: string, @IdParam('versionId') versionId: string, @Call() call: CallContext,
  ): Promise<CharterVersionView> {
    const payload: CharterVersionRef = { allianceId, documentId, versionId };
    return this.bus.request(call, MembershipSubjects.charterVersionGet, payload);
  }

  @Patch(':documentId/versions/:versionId')
  @Roles(...MANAGERS)
  @AllianceParam @DocumentParam @VersionParam
  @ApiRoute({ summary: 'Edit a draft: its text and structured fields', view: CharterVersionView, problems: [403, 404, 409] })
  update(
    @IdParam('allianceId') allianceId: string, @IdParam('documentId') documentId: string, @IdParam('versionId') versionId: string,
    @Body() changes: UpdateCharterDraftDto, @Call() call: CallContext,
  ): Promise<CharterVersionView> {
    const payload: UpdateCharterDraftRequest = { allianceId, documentId, versionId, changes };
    return this.bus.request(call, MembershipSubjects.charterVersionUpdate, payload);
  }

  @Post(':documentId/versions/:versionId/file')
  @Roles(...MANAGERS)
  @AllianceParam @DocumentParam @VersionParam
  @ApiConsumes('multipart/form-data')
  @ApiBody({ type: UploadCharterFileForm, description: 'The file (field `file`): the text the schools sign, instead of or besides the Markdown text.' })
  @ApiRoute({ summary: 'Attach the signed text of a draft as a file (streamed; its SHA-256 is part of what is signed)', view: CharterVersionView, status: 201, problems: [403, 404, 409] })
  async attachFile(
    @IdParam('allianceId') allianceId: string, @IdParam('documentId') documentId: string, @IdParam('versionId') versionId: string,
    @Req() request: FastifyRequest, @Call() call: CallContext,
  ): Promise<CharterVersionView> {
    const files = this.bus.files();
    const { file } = await receiveUpload(request, files, { keyPrefix: 'membership/charters', maxBytes: CHARTER_FILE_MAX_MB * 1024 * 1024, extensions: CHARTER_FILE_EXTENSIONS });
    const payload: AttachCharterFileRequest = { allianceId, documentId, versionId, file };
    try {
      return await this.bus.request<CharterVersionView>(call, MembershipSubjects.charterVersionAttachFile, payload);
    } catch (error) {
      // refused (not visible, not allowed, not a draft): keep nothing in the store
      await files.delete(file.key).catch(() => undefined);
      throw error;
    }
  }

  @Get(':documentId/versions/:versionId/file')
  @Roles(...ANY_ROLE)
  @AllianceParam @DocumentParam @VersionParam
  @ApiOperation({ summary: 'Download the version\'s file (streamed)' })
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The file', content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } } })
  @ApiProblems(400, 404, 429, 503, 504)
  async download(
    @IdParam('allianceId') allianceId: string, @IdParam('documentId') documentId: string, @IdParam('versionId') versionId: string,
    @Call() call: CallContext, @Res() reply: FastifyReply,
  ): Promise<FastifyReply> {
    const payload: CharterVersionRef = { allianceId, documentId, versionId };
    const file = await this.bus.request<CharterFileDownloadView>(call, MembershipSubjects.charterVersionFile, payload);
    return sendStoredFile(reply, this.bus.files(), file.key, file.filename);
  }

  @Post(':documentId/versions/:versionId/send')
  @Roles(...MANAGERS)
  @AllianceParam @DocumentParam @VersionParam
  @ApiRoute({
    summary: 'Send a complete draft for signing: its hash is fixed and the admins of every current member school are asked to sign',
    view: CharterVersionView, problems: [403, 404, 409],
  })
  send(
    @IdParam('allianceId') allianceId: string, @IdParam('documentId') documentId: string, @IdParam('versionId') versionId: string, @Call() call: CallContext,
  ): Promise<CharterVersionView> {
    const payload: CharterVersionRef = { allianceId, documentId, versionId };
    return this.bus.request(call, MembershipSubjects.charterVersionSend, payload);
  }

  @Post(':documentId/versions/:versionId/withdraw')
  @Roles(...MANAGERS)
  @AllianceParam @DocumentParam @VersionParam
  @ApiRoute({ summary: 'Withdraw a version out for signing: it returns to draft and the signatures given so far are voided', view: CharterVersionView, problems: [403, 404, 409] })
  withdraw(
    @IdParam('allianceId') allianceId: string, @IdParam('documentId') documentId: string, @IdParam('versionId') versionId: string,
    @Body() body: WithdrawCharterDto, @Call() call: CallContext,
  ): Promise<CharterVersionView> {
    const payload: WithdrawCharterRequest = { allianceId, documentId, versionId, body };
    return this.bus.request(call, MembershipSubjects.charterVersionWithdraw, payload);
  }

  @Post(':documentId/versions/:versionId/sign')
  @Roles('school_admin')
  @AllianceParam @DocumentParam @VersionParam
  @ApiRoute({
    summary: 'Sign a version for your school (its school admin only); the last school\'s signature brings the version into force',
    view: CharterVersionView, problems: [403, 404, 409],
  })
  sign(
    @IdParam('allianceId') allianceId: string, @IdParam('documentId') documentId: string, @IdParam('versionId') versionId: string,
    @Body() body: SignCharterDto, @Call() call: CallContext,
  ): Promise<CharterVersionView> {
    const payload: SignCharterRequest = { allianceId, documentId, versionId, body };
    return this.bus.request(call, MembershipSubjects.charterVersionSign, payload);
  }
}
