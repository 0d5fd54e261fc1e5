import {
  CreateProfileTagRequest, IdDto, ListProfileRoundsQueryDto, ListProfileTagsRequest, ListSchoolProfilesQueryDto, MembershipSubjects, OpenProfileRoundDto,
  ProfileRoundsDueQuery, SubmitProfileRequest, UpdateProfileTagRequest,
  type Page, type ProfileChangesView, type ProfileRoundDueView, type ProfileRoundDetailView, type ProfileRoundView, type ProfileTagList, type ProfileTagView, type SchoolProfileView,
} from '@jiaolian/contracts';
import { AccessScope, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { ProfilesService } from './profiles.service.js';

@Controller()
export class ProfilesController {
  constructor(private readonly profiles: ProfilesService) {}

  @MessagePattern(MembershipSubjects.profileTagList)
  listTags(@Payload() dto: ListProfileTagsRequest, @Scope() scope: AccessScope): Promise<ProfileTagList> {
    return this.profiles.listTags(scope, dto.id, dto.query);
  }

  @MessagePattern(MembershipSubjects.profileTagCreate)
  @Writes()
  createTag(@Payload() dto: CreateProfileTagRequest, @Scope() scope: AccessScope): Promise<ProfileTagView> {
    return this.profiles.createTag(scope, dto.id, dto.body);
  }

  @MessagePattern(MembershipSubjects.profileTagUpdate)
  @Writes()
  updateTag(@Payload() dto: UpdateProfileTagRequest, @Scope() scope: AccessScope): Promise<ProfileTagView> {
    return this.profiles.updateTag(scope, dto.id, dto.changes);
  }

  @MessagePattern(MembershipSubjects.profileRoundOpen)
  @Writes()
  openRound(@Payload() dto: OpenProfileRoundDto, @Scope() scope: AccessScope): Promise<ProfileRoundDetailView> {
    return this.profiles.openRound(scope, dto);
  }

  @MessagePattern(MembershipSubjects.profileRoundList)
  listRounds(@Payload() query: ListProfileRoundsQueryDto, @Scope() scope: AccessScope): Promise<Page<ProfileRoundView>> {
    return this.profiles.listRounds(scope, query);
  }

  @MessagePattern(MembershipSubjects.profileRoundGet)
  getRound(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<ProfileRoundDetailView> {
    return this.profiles.getRound(scope, dto.id);
  }

  @MessagePattern(MembershipSubjects.profileRoundClose)
  @Writes()
  closeRound(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<ProfileRoundDetailView> {
    return this.profiles.closeRound(scope, dto.id);
  }

  @MessagePattern(MembershipSubjects.profileSubmit)
  @Writes()
  submit(@Payload() dto: SubmitProfileRequest, @Scope() scope: AccessScope): Promise<SchoolProfileView> {
    return this.profiles.submit(scope, dto.id, dto.body);
  }

  @MessagePattern(MembershipSubjects.profileList)
  list(@Payload() query: ListSchoolProfilesQueryDto, @Scope() scope: AccessScope): Promise<Page<SchoolProfileView>> {
    return this.profiles.list(scope, query);
  }

  @MessagePattern(MembershipSubjects.profileGet)
  get(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<SchoolProfileView> {
    return this.profiles.get(scope, dto.id);
  }

  @MessagePattern(MembershipSubjects.profileChanges)
  changes(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<ProfileChangesView> {
    return this.profiles.changes(scope, dto.id);
  }

  @MessagePattern(MembershipSubjects.profileRoundsDue)
  due(@Payload() query: ProfileRoundsDueQuery, @Scope() scope: AccessScope): Promise<ProfileRoundDueView[]> {
    return this.profiles.due(scope, query.withinDays);
  }
}
