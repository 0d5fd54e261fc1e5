import { CreateFacilityDto, ListTeachersQueryDto } from '@jiaolian/contracts';
import { ValidationError } from '@jiaolian/service-kit';
import type { ArgumentMetadata } from '@nestjs/common';
import { GatewayValidationPipe } from './validation.pipe.js';

const facility = { schoolId: '6f1c1c1e-0d7a-4a8e-9a51-2b1e1f1a1b1c', kind: 'lab', name: '科学实验室', capacity: 40, openHours: '周一至周五' };
const body: ArgumentMetadata = { type: 'body', metatype: CreateFacilityDto };

function fieldsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return (error.errors ?? []).map((e) => e.field);
    throw error;
  }
  throw new Error('no validation error');
}

describe(GatewayValidationPipe.name, () => {
  const sut = new GatewayValidationPipe();

  it('passes a good body', async () => {
    await expect(sut.transform(facility, body)).resolves.toMatchObject(facility);
  });

  it.each([
    ['body', { ...facility, name: '实验室\u0000' }, body, ['name']],
    ['list query', { q: '王\u0000' }, { type: 'query', metatype: ListTeachersQueryDto } as ArgumentMetadata, ['q']],
    ['path parameter', 'abc\u0000', { type: 'param', data: 'id', metatype: String } as ArgumentMetadata, ['id']],
  ])('refuses a NUL character in a %s, naming the field', (_, value, metadata, fields) => {
    expect(fieldsOf(() => sut.transform(value, metadata))).toEqual(fields);
  });

  it.each([null, [], 'text', 1, true])('refuses a body that is not an object: %j', (value) => {
    expect(fieldsOf(() => sut.transform(value, body))).toEqual(['body']);
  });
});
