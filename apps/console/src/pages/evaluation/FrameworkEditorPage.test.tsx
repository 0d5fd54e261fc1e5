import { fireEvent, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAuth } from '../../auth/AuthProvider';
import { problemResponse, renderPage } from '../../test/render';
import type { FrameworkView } from './api';
import { FrameworkEditorPage } from './FrameworkEditorPage';

const ID = '00000000-0000-4000-8000-000000000001';
const me = { id: 'u1', username: 'district.admin', displayName: '陈建国', districtId: 'd1', assignments: [{ id: 'a1', role: 'district_admin', districtId: 'd1' }] };
const facts = { items: [{ key: 'teacher-exchange.quota.completion', service: 'teacher-exchange', kind: 'rate', description: '交流指标完成率：学年内派出教师数之和 / 指标下限之和', descriptionEn: 'Exchange quota completion' }] };
const framework = (inUse: boolean): FrameworkView => ({
  id: ID, districtId: 'd1', lineageId: ID, version: 1, name: '2026 年考核指标', term: '2026-2027-1', inUse, superseded: false,
  createdBy: 'u1', createdAt: '2026-12-01T00:00:00.000Z', updatedAt: '2026-12-01T00:00:00.000Z',
  dimensions: [{
    code: 'teacher', name: '教师成长', nameEn: null, weight: 100, indicators: [{
      code: 'teacher.quota', name: '交流指标完成率', nameEn: null, weight: 100, kind: 'computed', appliesTo: 'both', factKey: 'teacher-exchange.quota.completion',
      rule: 'ratio', floor: null, target: null, maxScore: null, guidance: null, source: '交流指标完成率', sourceEn: 'Exchange quota completion',
    }],
  }],
});
const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

/** The page behind the sign-in, as the app shows it: once the signed-in user is known. */
function SignedIn() {
  const { me: user } = useAuth();
  return user ? <FrameworkEditorPage /> : null;
}

let patches: unknown[];
function stubGateway(inUse: boolean, patch: () => Response): void {
  patches = [];
  vi.stubGlobal('fetch', vi.fn(async (input: Request) => {
    const url = new URL(input.url);
    if (url.pathname === '/api/v1/me') return json(me);
    if (url.pathname === '/api/v1/evaluation/frameworks/facts') return json(facts);
    if (input.method === 'PATCH') {
      patches.push(await input.json());
      return patch();
    }
    return json(framework(inUse));
  }));
}

beforeEach(() => localStorage.setItem('jiaolian.tokens', JSON.stringify({ accessToken: 'a', refreshToken: 'r' })));
afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe(FrameworkEditorPage.name, () => {
  it('says before saving that a framework in use becomes a new version', async () => {
    stubGateway(true, () => json(framework(true)));
    renderPage(<SignedIn />, { path: `/evaluation/frameworks/${ID}`, route: '/evaluation/frameworks/:id' });
    expect(await screen.findByText(/保存不会修改本版本，而是生成一个新版本/)).toBeTruthy();
    expect(screen.getByRole('button', { name: '保存为新版本' })).toBeTruthy();
  });

  it('refuses to send a tree whose weights do not sum to 100, naming the group, and puts the server\'s field errors on the fields they name', async () => {
    stubGateway(false, () => problemResponse(400, {
      type: 'urn:jiaolian:problem:validation-failed', title: '请求参数有误', status: 400, detail: '请求参数有误',
      errors: [{ field: 'dimensions.0.indicators.1.name', message: 'dimensions.0.indicators.1.name 不能为空，也不能只有空格', code: 'field.isNotBlank' }],
    }));
    renderPage(<SignedIn />, { path: `/evaluation/frameworks/${ID}`, route: '/evaluation/frameworks/:id' });
    fireEvent.click(await screen.findByRole('button', { name: '添加评分指标' }));
    const rows = () => screen.getAllByRole('row').filter((r) => r.classList.contains('ant-table-row'));
    expect(rows()).toHaveLength(2);

    fireEvent.change(within(rows()[1]!).getByRole('spinbutton', { name: '权重' }), { target: { value: '20' } });
    expect(await screen.findByText('“教师成长”下各指标的权重之和须为 100，当前为 120')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    expect(await screen.findByText(/无法保存：“教师成长”下各指标的权重之和须为 100/)).toBeTruthy();
    expect(patches).toHaveLength(0);

    fireEvent.change(within(rows()[0]!).getByRole('spinbutton', { name: '交流指标完成率 权重' }), { target: { value: '80' } });
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));
    expect(await within(rows()[1]!).findByText('不能为空，也不能只有空格')).toBeTruthy();
    expect(patches).toHaveLength(1);
    expect(patches[0]).toMatchObject({ dimensions: [{ code: 'teacher', indicators: [{ weight: 80 }, { code: 'teacher-1', kind: 'evaluator', weight: 20, maxScore: 10 }] }] });

    // typing in the blamed field clears its error
    fireEvent.change(within(rows()[1]!).getByRole('textbox', { name: '指标' }), { target: { value: '教研组长评议' } });
    expect(within(rows()[1]!).queryByText('不能为空，也不能只有空格')).toBeNull();
  });
});
