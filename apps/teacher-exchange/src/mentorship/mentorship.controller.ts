import {
  CreateMentorshipDto, IdDto, ListMentorshipsQueryDto, MentorshipCommentRequest, MentorshipMissedQueryDto, RecordMentorLessonRequest, TeacherExchangeSubjects as S,
  TeacherMentorLessonsQueryDto, type MentorshipMissedView, type MentorshipView, type Page, type TeacherMentorLessonView,
} from '@jiaolian/contracts';
import { AccessScope, Scope, Writes } from '@jiaolian/service-kit';
import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { MentorshipService } from './mentorship.service.js';

@Controller()
export class MentorshipController {
  constructor(private readonly mentorships: MentorshipService) {}

  @MessagePattern(S.mentorshipCreate)
  @Writes()
  create(@Payload() dto: CreateMentorshipDto, @Scope() scope: AccessScope): Promise<MentorshipView> {
    return this.mentorships.create(scope, dto);
  }

  @MessagePattern(S.mentorshipList)
  list(@Payload() query: ListMentorshipsQueryDto, @Scope() scope: AccessScope): Promise<Page<MentorshipView>> {
    return this.mentorships.list(scope, query);
  }

  @MessagePattern(S.mentorshipGet)
  get(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<MentorshipView> {
    return this.mentorships.get(scope, dto.id);
  }

  @MessagePattern(S.mentorshipLessonRecord)
  @Writes()
  recordLesson(@Payload() dto: RecordMentorLessonRequest, @Scope() scope: AccessScope): Promise<MentorshipView> {
    return this.mentorships.recordLesson(scope, dto.id, dto.body);
  }

  @MessagePattern(S.mentorshipComment)
  @Writes()
  comment(@Payload() dto: MentorshipCommentRequest, @Scope() scope: AccessScope): Promise<MentorshipView> {
    return this.mentorships.comment(scope, dto.id, dto.body);
  }

  @MessagePattern(S.mentorshipClose)
  @Writes()
  close(@Payload() dto: IdDto, @Scope() scope: AccessScope): Promise<MentorshipView> {
    return this.mentorships.close(scope, dto.id);
  }

  @MessagePattern(S.mentorshipMissed)
  missed(@Payload() query: MentorshipMissedQueryDto, @Scope() scope: AccessScope): Promise<MentorshipMissedView> {
    return this.mentorships.missed(scope, query.term);
  }

  @MessagePattern(S.mentorshipLessonsOfTeacher)
  lessonsOfTeacher(@Payload() query: TeacherMentorLessonsQueryDto, @Scope() scope: AccessScope): Promise<TeacherMentorLessonView[]> {
    return this.mentorships.lessonsOfTeacher(scope, query);
  }
}
