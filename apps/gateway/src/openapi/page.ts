import type { Type } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';

const pages = new Map<Type<unknown>, Type<unknown>>();

/**
 * The documented shape of a list reply, as a named schema (`SchoolViewPage`) so generated clients
 * get a real type: {items, total, page, pageSize}.
 */
export function PageOf(view: Type<unknown>): Type<unknown> {
  const known = pages.get(view);
  if (known) return known;
  class Page {}
  Object.defineProperty(Page, 'name', { value: `${view.name}Page` });
  ApiProperty({ type: [view] })(Page.prototype, 'items');
  ApiProperty({ type: Number, description: 'Number of matching items across all pages', example: 42 })(Page.prototype, 'total');
  ApiProperty({ type: Number, description: '1-based page number', example: 1 })(Page.prototype, 'page');
  ApiProperty({ type: Number, example: 20 })(Page.prototype, 'pageSize');
  pages.set(view, Page);
  return Page;
}
