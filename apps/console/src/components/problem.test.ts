import { describe, expect, it, vi } from 'vitest';
import { ApiProblem } from '@jiaolian/api-client';
import { applyFieldErrors, problemMessage } from './problem';

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

describe(problemMessage.name, () => {
  const t = ((key: string, options?: { defaultValue?: string }) => (key === 'errors.conflict' ? '操作与现有数据冲突。' : key === 'errors.internal' ? '服务器出错了，请稍后再试。' : options?.defaultValue ?? key)) as never;

  it('says which rule was broken when the server words it', () => {
    const closing = new ApiProblem({ type: 'urn:jiaolian:problem:conflict', title: '操作冲突', status: 409, detail: '还有 1 项目标任务未评估，全部评估后才能结项' });
    expect(problemMessage(t, closing)).toBe('还有 1 项目标任务未评估，全部评估后才能结项');
  });

  it('keeps the plain headline for server faults and for problems without a detail', () => {
    expect(problemMessage(t, new ApiProblem({ type: 'urn:jiaolian:problem:internal', title: 'Internal', status: 500, detail: 'TypeError: x is undefined' }))).toBe('服务器出错了，请稍后再试。');
    expect(problemMessage(t, new ApiProblem({ type: 'urn:jiaolian:problem:conflict', title: '操作冲突', status: 409 }))).toBe('操作与现有数据冲突。');
    expect(problemMessage(t, new Error('boom'))).toBe('errors.unknown');
  });
});
