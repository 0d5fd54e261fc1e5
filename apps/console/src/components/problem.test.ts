import { describe, expect, it, vi } from 'vitest';
import { ApiProblem } from '@jiaolian/api-client';
import { applyFieldErrors } from './problem';

const problem = (errors: { field: string; message: string }[]) =>
  new ApiProblem({ type: 'urn:jiaolian:problem:validation-failed', title: 'Validation failed', status: 400, errors });

describe(applyFieldErrors.name, () => {
  it('puts each error on the field it names and returns the ones no field shows', () => {
    const form = { getFieldsValue: () => ({ code: '1', name: 'x', location: { lat: 1 } }), setFields: vi.fn() };

    const rest = applyFieldErrors(form, problem([
      { field: 'code', message: 'code must be the 10-digit national school code' },
      { field: 'code', message: 'code is taken' },
      { field: 'location.lat', message: 'lat must be a latitude' },
      { field: 'districtId', message: 'districtId must be a UUID' },
    ]));

    expect(form.setFields).toHaveBeenCalledWith([
      { name: ['code'], errors: ['code must be the 10-digit national school code', 'code is taken'] },
      { name: ['location', 'lat'], errors: ['lat must be a latitude'] },
    ]);
    expect(rest).toEqual([{ field: 'districtId', message: 'districtId must be a UUID' }]);
  });

  it('touches nothing for errors that are not problems with fields', () => {
    const form = { getFieldsValue: () => ({ code: '' }), setFields: vi.fn() };
    expect(applyFieldErrors(form, new Error('boom'))).toEqual([]);
    expect(applyFieldErrors(form, problem([]))).toEqual([]);
    expect(form.setFields).not.toHaveBeenCalledWith(expect.arrayContaining([expect.anything()]));
  });
});
