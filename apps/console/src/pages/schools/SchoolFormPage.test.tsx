import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { problemResponse, renderPage } from '../../test/render';
import { SchoolFormPage } from './SchoolFormPage';

afterEach(() => vi.unstubAllGlobals());

const fill = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe(SchoolFormPage.name, () => {
  it('rejects a malformed school code in the browser, before any request', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    renderPage(<SchoolFormPage />, { path: '/schools/new', route: '/schools/new' });

    fill('学校标识码', '12345');
    fill('学校名称', '青山村小学');
    fill('乡镇/街道', '青山镇');
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));

    expect(await screen.findByText('学校标识码必须是 10 位数字')).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();
  });

  it("shows the gateway's field error under the field it names, and the problem above the form", async () => {
    vi.stubGlobal('fetch', vi.fn(async () =>
      problemResponse(409, {
        type: 'urn:jiaolian:problem:conflict', title: 'Conflict', status: 409, detail: 'A school with this code exists', requestId: 'req-42',
        errors: [{ field: 'code', message: 'code 2133012345 is already registered' }],
      }),
    ));
    renderPage(<SchoolFormPage />, { path: '/schools/new', route: '/schools/new' });

    fill('学校标识码', '2133012345');
    fill('学校名称', '青山村小学');
    fill('乡镇/街道', '青山镇');
    fireEvent.click(screen.getByRole('button', { name: /保\s*存/ }));

    const fieldError = await screen.findByText('code 2133012345 is already registered');
    expect(fieldError.closest('.ant-form-item')?.textContent).toContain('学校标识码');
    expect(screen.getByRole('alert').textContent).toContain('操作与现有数据冲突。');
    expect(screen.getByRole('alert').textContent).toContain('req-42');
    await waitFor(() => expect(screen.queryByTestId('navigated')).toBeNull());
  });
});
