import { describe, expect, it } from 'vitest';
import { escapeHtml, renderPrintDocument } from './printDocument.ts';

describe('print documents', () => {
  it('escape text so a resident name cannot inject markup into a printout', () => {
    expect(escapeHtml(`<script>alert("张三")</script> & '李四'`)).toBe(
      '&lt;script&gt;alert(&quot;张三&quot;)&lt;/script&gt; &amp; &#39;李四&#39;',
    );
  });

  it('are complete A4 HTML documents with a Chinese font stack and no external resources', () => {
    const html = renderPrintDocument({
      title: '公示表',
      language: 'zh-CN',
      bodyHtml: '<p>内容</p>',
    });
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('@page { size: A4;');
    expect(html).toContain('Noto Serif CJK SC');
    expect(html).toContain('<title>公示表</title>');
    expect(html).not.toMatch(/(src|href)=["']?(https?:|\/\/)/);
  });

  it('number their pages in the document’s language only when asked', () => {
    const plain = renderPrintDocument({ title: 't', language: 'zh-CN', bodyHtml: '' });
    expect(plain).not.toContain('counter(page)');
    expect(
      renderPrintDocument({ title: 't', language: 'zh-CN', bodyHtml: '', pageNumbers: true }),
    ).toContain('@bottom-center { content: "第 " counter(page) " 页，共 " counter(pages) " 页"');
    expect(
      renderPrintDocument({ title: 't', language: 'en', bodyHtml: '', pageNumbers: true }),
    ).toContain('content: "Page " counter(page) " of " counter(pages)');
  });
});
