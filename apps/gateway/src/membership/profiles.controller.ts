import { Body, Controller, Get, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import {
  AcceptSuggestionDto, AllianceDetailView, CreateProfileTagDto, ListProfileRoundsQueryDto, ListProfileTagsQueryDto, ListSchoolProfilesQueryDto,
  MembershipSubjects, OpenProfileRoundDto, PairingParamsDto, PairingSuggestionsView, ProfileChangesView, ProfileRoundDetailView, ProfileRoundView,
  ProfileTagList, ProfileTagView, RoadDistanceView, SchoolProfileView, SetRoadDistanceDto, SubmitProfileDto, UpdateProfileTagDto,
  type AcceptSuggestionRequest, type CreateProfileTagRequest, type IdDto, type ListProfileTagsRequest, type Page, type PairingSuggestionsRequest,
  type SetRoadDistanceRequest, type SubmitProfileRequest, type UpdateProfileTagRequest,
} from '@jiaolian/contracts';
import { ANY_ROLE, Call, ClientScopes, Roles, type CallContext } from '../common/auth/index.js';
import { GatewayBus } from '../common/bus/gateway-bus.js';
import { IdParam } from '../common/http/id-param.js';
import { ApiRoute } from '../openapi/api-route.decorator.js';

/** School profiles (学校画像): the district's tags, profile rounds (调研) and the schools' profiles per term. */
@ApiTags('school profiles')
@ClientScopes('membership')
@Controller()
export class ProfilesController {
  constructor(private readonly bus: GatewayBus) {}

  @Get('districts/:id/profile-tags')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: "The district's profile tags: subjects, grades, facilities, specialities", view: ProfileTagList, byId: true })
  listTags(@IdParam() id: string, @Query() query: ListProfileTagsQueryDto, @Call() call: CallContext): Promise<ProfileTagList> {
    const payload: ListProfileTagsRequest = { id, query };
    return this.bus.request(call, MembershipSubjects.profileTagList, payload);
  }

  @Post('districts/:id/profile-tags')
  @Roles('district_admin')
  @ApiRoute({ summary: 'Add a profile tag to the district taxonomy', view: ProfileTagView, status: 201, byId: true, problems: [409] })
  createTag(@IdParam() id: string, @Body() body: CreateProfileTagDto, @Call() call: CallContext): Promise<ProfileTagView> {
    const payload: CreateProfileTagRequest = { id, body };
    return this.bus.request(call, MembershipSubjects.profileTagCreate, payload);
  }

  @Patch('profile-tags/:id')
  @Roles('district_admin')
  @ApiRoute({ summary: 'Rename or archive a profile tag', view: ProfileTagView, byId: true })
  updateTag(@IdParam() id: string, @Body() changes: UpdateProfileTagDto, @Call() call: CallContext): Promise<ProfileTagView> {
    const payload: UpdateProfileTagRequest = { id, changes };
    return this.bus.request(call, MembershipSubjects.profileTagUpdate, payload);
  }

  @Post('profile-rounds')
  @Roles('district_admin')
  @ApiRoute({
    summary: 'Open the needs survey (调研) of a term', view: ProfileRoundDetailView, status: 201, problems: [409],
    description: 'One round per district and term. School admins then fill in their profiles until the district closes the round.',
  })
  openRound(@Body() dto: OpenProfileRoundDto, @Call() call: CallContext): Promise<ProfileRoundDetailView> {
    return this.bus.request(call, MembershipSubjects.profileRoundOpen, dto);
  }

  @Get('profile-rounds')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'List profile rounds', view: ProfileRoundView, page: true })
  listRounds(@Query() query: ListProfileRoundsQueryDto, @Call() call: CallContext): Promise<Page<ProfileRoundView>> {
    return this.bus.request(call, MembershipSubjects.profileRoundList, query);
  }

  @Get('profile-rounds/:id')
  @Roles(...ANY_ROLE)
  @ApiRoute({ summary: 'One profile round: every school of the district, who submitted and who has not', view: ProfileRoundDetailView, byId: true })
  getRound(@IdParam() id: string, @Call() call: CallContext): Promise<ProfileRoundDetailView> {
    const payload: IdDto = { id };
    return this.bus.request(call, MembershipSubjects.profileRoundGet, payload);
  }

  @Post('profile-rounds/:id/close')
  @Roles('district_admin')
  @ApiRoute({ summary: 'Close a profile round: profiles no longer change', view: ProfileRoundDetailView, byId: true, problems: [409] })
  closeRound(@IdParam() id: string, @Call() call: CallContext): Promise<ProfileRoundDetailView> {
    const payload: IdDto = { id };
    return this.bus.request(call, MembershipSubjects.profileRoundClose, payload);
  }

  @Post('profile-rounds/:id/profiles')
  @Roles('district_admin', 'school_admin')
  @ApiRoute({
    summary: "Submit a school's profile for the round's term", view: SchoolProfileView, byId: true, problems: [409],
    description: 'Submitting again while the round is open replaces the profile of the term (its version goes up).',
  })
  submit(@IdParam() id: string, @Body() body: SubmitProfileDto, @Call() call: CallContext): Promise<SchoolProfileView> {
    const payload: SubmitProfileRequest = { id, body };
    return this.bus.request(call, MembershipSubjects.profileSubmit, payload);
  }

  @Get('school-profiles')
  @Roles('district_admin', 'school_admin', 'teacher')
  @ApiRoute({ summary: 'List school profiles (the district admin sees all, a school its own)', view: SchoolProfileView, page: true })
  list(@Query() query: ListSchoolProfilesQueryDto, @Call() call: CallContext): Promise<Page<SchoolProfileView>> {
    return this.bus.request(call, MembershipSubjects.profileList, query);
  }

  @Get('school-profiles/:id')
  @Roles('district_admin', 'school_admin', 'teacher')
  @ApiRoute({ summary: 'One school profile', view: SchoolProfileView, byId: true })
  get(@IdParam() id: string, @Call() call: CallContext): Promise<SchoolProfileView> {
    const payload: IdDto = { id };
    return this.bus.request(call, MembershipSubjects.profileGet, payload);
  }

  @Get('school-profiles/:id/changes')
  @Roles('district_admin', 'school_admin', 'teacher')
  @ApiRoute({ summary: "A profile against the same school's profile of the term before", view: ProfileChangesView, byId: true })
  changes(@IdParam() id: string, @Call() call: CallContext): Promise<ProfileChangesView> {
    const payload: IdDto = { id };
    return this.bus.request(call, MembershipSubjects.profileChanges, payload);
  }

  @Get('districts/:id/pairing-suggestions')
  @Roles('district_admin')
  @ApiRoute({
    summary: 'Pairing suggestions (结对推荐) for a term, solved to proven optimality', view: PairingSuggestionsView, byId: true,
    description: 'Maximises the need weight met (high 3, medium 2, low 1, times the strength factor 1, 0.7, 0.4) minus distancePenalty × km, '
      + 'within the travel limit, with no supporting school over its capacity. See docs/governance.md.',
  })
  suggestions(@IdParam() id: string, @Query() query: PairingParamsDto, @Call() call: CallContext): Promise<PairingSuggestionsView> {
    const payload: PairingSuggestionsRequest = { id, query };
    return this.bus.request(call, MembershipSubjects.pairingSuggestions, payload);
  }

  @Post('districts/:id/pairing-suggestions/accept')
  @Roles('district_admin')
  @ApiRoute({ summary: 'Turn a suggested pair into a draft pairing of both schools', view: AllianceDetailView, status: 201, byId: true, problems: [409] })
  accept(@IdParam() id: string, @Body() body: AcceptSuggestionDto, @Call() call: CallContext): Promise<AllianceDetailView> {
    const payload: AcceptSuggestionRequest = { id, body };
    return this.bus.request(call, MembershipSubjects.pairingAccept, payload);
  }

  @Put('districts/:id/road-distances')
  @Roles('district_admin')
  @ApiRoute({ summary: 'Enter (or, with km null, remove) the road distance of two schools', view: RoadDistanceView, byId: true })
  setRoadDistance(@IdParam() id: string, @Body() body: SetRoadDistanceDto, @Call() call: CallContext): Promise<RoadDistanceView> {
    const payload: SetRoadDistanceRequest = { id, body };
    return this.bus.request(call, MembershipSubjects.roadDistanceSet, payload);
  }
}
