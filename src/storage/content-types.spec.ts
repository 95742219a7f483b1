import { contentDisposition, contentTypeForKey } from './content-types';

describe('content types and dispositions', () => {
  it('serves stored objects by their extension', () => {
    expect(contentTypeForKey('a/b/prd.md')).toBe('text/markdown; charset=utf-8');
    expect(contentTypeForKey('a/b/flowchart.mmd')).toBe('text/plain; charset=utf-8');
    expect(contentTypeForKey('a/b/X.PDF')).toBe('application/pdf');
    expect(contentTypeForKey('a/b/blob')).toBe('application/octet-stream');
  });

  it('shows only images and plain text inline; everything else is an attachment', () => {
    expect(contentDisposition('image/png', 'logo.png')).toBe(
      `inline; filename="logo.png"; filename*=UTF-8''logo.png`,
    );
    expect(contentDisposition('text/plain; charset=utf-8', undefined)).toBe('inline');
    expect(contentDisposition('image/jpeg', undefined)).toBe('inline');
    for (const type of ['text/markdown; charset=utf-8', 'application/pdf', 'image/svg+xml']) {
      expect(contentDisposition(type, undefined)).toBe('attachment');
    }
  });

  it('never lets a file name break the header', () => {
    expect(contentDisposition('application/pdf', 'a "quoted"\r\nname.pdf')).toBe(
      `attachment; filename="a _quoted___name.pdf"; filename*=UTF-8''a%20%22quoted%22%0D%0Aname.pdf`,
    );
    expect(contentDisposition('text/markdown', "résumé (1)'s.md")).toBe(
      `attachment; filename="r_sum_ (1)'s.md"; filename*=UTF-8''r%C3%A9sum%C3%A9%20%281%29%27s.md`,
    );
  });
});
