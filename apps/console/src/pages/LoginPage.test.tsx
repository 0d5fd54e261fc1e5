import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { problemResponse, renderPage } from '../test/render';
import { LoginPage } from './LoginPage';

afterEach(() => {
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe(LoginPage.name, () => {
  it('asks for both fields without calling the gateway', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    renderPage(<LoginPage />, { path: '/login', route: '/login' });

    fireEvent.click(screen.getByRole('button', { name: /登\s*录/ }));

    expect(await screen.findByText('请输入用户名')).toBeTruthy();
    expect(screen.getByText('请输入密码')).toBeTruthy();
    expect(fetch).not.toHaveBeenCalled();
  });

  it('says the credentials are wrong when the gateway answers 401, and keeps no tokens', async () => {
    const fetch = vi.fn(async () => problemResponse(401, { type: 'urn:jiaolian:problem:unauthenticated', title: 'Invalid credentials', status: 401 }));
    vi.stubGlobal('fetch', fetch);
    renderPage(<LoginPage />, { path: '/login', route: '/login' });

    fireEvent.change(screen.getByLabelText('用户名'), { target: { value: 'district.admin' } });
    fireEvent.change(screen.getByLabelText('密码'), { target: { value: 'wrong-password' } });
    fireEvent.click(screen.getByRole('button', { name: /登\s*录/ }));

    expect(await screen.findByText('用户名或密码不正确，请重新输入。')).toBeTruthy();
    expect(fetch).toHaveBeenCalledTimes(1);
    const request = (fetch.mock.calls[0] as unknown as [Request])[0];
    expect(new URL(request.url).pathname).toBe('/api/v1/auth/login');
    expect(await request.json()).toEqual({ username: 'district.admin', password: 'wrong-password' });
    expect(localStorage.getItem('jiaolian.tokens')).toBeNull();
  });
});
