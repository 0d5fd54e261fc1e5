import { fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderPage } from '../../test/render';
import type { ResourceView } from './api';
import { ResourcesPage } from './ResourcesPage';

// a signed-in teacher (the page reads who is signed in; the session itself is not under test)
vi.mock('../../auth/AuthProvider', async (original) => ({
  ...(await original<typeof import('../../auth/AuthProvider')>()),
  useMe: () => ({ id: 'u', displayName: '李老师', assignments: [{ role: 'teacher', districtId: 'd', schoolId: 's1' }] }),
}));

afterEach(() => vi.unstubAllGlobals());

const resource = (n: number): ResourceView => ({
  id: `00000000-0000-4000-8000-00000000000${n}`, districtId: 'd', schoolId: 's1', schoolName: '清溪县实验小学', ownerId: 'u', ownerName: '李老师',
  type: 'courseware', title: `四年级语文《古诗三首》课件${n}`, description: null, subject: '语文', grade: '四年级', edition: null, unit: null, tags: [],
  licence: 'CC BY 4.0', visibility: 'district', file: { filename: 'a.pptx', size: 1, contentType: 'application/octet-stream', sha256: 'x' }, version: 1,
  downloadCount: 0, canEdit: false, createdAt: '2026-12-01T00:00:00.000Z', updatedAt: '2026-12-01T00:00:00.000Z',
});

const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } });

describe(ResourcesPage.name, () => {
  it('shows a capped total as 1000+, the facet counts as filters (at least, when capped), and filters by a chosen facet', async () => {
    const urls: string[] = [];
    vi.stubGlobal('fetch', vi.fn(async (input: Request | string) => {
      const url = typeof input === 'string' ? input : input.url;
      urls.push(url);
      if (!url.includes('/curriculum/resources')) return json({ items: [], total: 0, page: 1, pageSize: 20 });
      const filtered = url.includes('type=courseware');
      return json({
        items: [resource(1), resource(2)], total: filtered ? 312 : 1000, totalCapped: !filtered, page: 1, pageSize: 12,
        facets: {
          capped: !filtered,
          type: filtered ? [{ value: 'courseware', count: 312 }] : [{ value: 'courseware', count: 312 }, { value: 'lesson_plan', count: 201 }],
          subject: [{ value: '语文', count: 640 }], grade: [{ value: '四年级', count: 120 }],
          school: [{ value: 's1', label: '清溪县实验小学', count: 88 }],
        },
      });
    }));
    renderPage(<ResourcesPage />);

    expect(await screen.findByText('共 1000+ 条')).toBeTruthy();
    expect(screen.getByText('课件 (312+)')).toBeTruthy();
    expect(screen.getByText('清溪县实验小学 (88+)')).toBeTruthy();
    expect(screen.getByText(/分类计数只统计了前 1000 条/)).toBeTruthy();
    expect(urls.some((u) => u.includes('facets=true'))).toBe(true);

    fireEvent.click(screen.getByText('课件 (312+)'));
    await waitFor(() => expect(urls.some((u) => u.includes('type=courseware'))).toBe(true));
    expect(await screen.findByText('课件 (312)')).toBeTruthy();
    expect(screen.getByText('共 312 条')).toBeTruthy();
    expect(screen.queryByText(/分类计数只统计了前 1000 条/)).toBeNull();
  });
});
