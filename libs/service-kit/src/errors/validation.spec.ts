import { plainToInstance } from 'class-transformer';
import { ArrayMaxSize, IsIn, IsInt, IsString, IsUUID, Matches, Max, MaxLength, Min, ValidateNested, validate } from 'class-validator';
import { Type } from 'class-transformer';
import { flattenValidationErrors } from './validation.js';

class MemberDto {
  @IsIn(['core', 'member'])
  role: string;
}

class SampleDto {
  @IsString() @MaxLength(20)
  name: string;

  @IsInt() @Min(1) @Max(9)
  grade: number;

  @IsUUID()
  schoolId: string;

  @Matches(/^\d{10}$/, { message: 'code must be the 10-digit national school code' })
  code: string;

  @ValidateNested({ each: true }) @Type(() => MemberDto) @ArrayMaxSize(2)
  members: MemberDto[];
}

describe(flattenValidationErrors.name, () => {
  it("gives each field error the constraint's code and the decorator's numbers as parameters", async () => {
    const sut = plainToInstance(SampleDto, {
      name: 'x'.repeat(21), grade: 12, schoolId: 'nope', code: '12', members: [{ role: 'boss' }, { role: 'core' }, { role: 'member' }],
    });
    const errors = flattenValidationErrors(await validate(sut));
    expect(errors).toEqual(expect.arrayContaining([
      { field: 'name', message: 'name must be shorter than or equal to 20 characters', code: 'field.maxLength', params: { field: 'name', max: 20 } },
      { field: 'grade', message: 'grade must not be greater than 9', code: 'field.max', params: { field: 'grade', max: 9 } },
      { field: 'schoolId', message: 'schoolId must be a UUID', code: 'field.isUuid', params: { field: 'schoolId' } },
      { field: 'code', message: 'code must be the 10-digit national school code', code: 'field.matches', params: { field: 'code' } },
      { field: 'members', message: 'members must contain no more than 2 elements', code: 'field.arrayMaxSize', params: { field: 'members', max: 2 } },
      { field: 'members.0.role', message: 'role must be one of the following values: core, member', code: 'field.isIn', params: { field: 'members.0.role', values: 'core, member' } },
    ]));
    expect(errors).toHaveLength(6);
  });
});
