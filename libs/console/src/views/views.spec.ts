import { Locale } from '../i18n/catalogue';
import { parseSearch } from '../message-search';
import { messagePage } from './message.view';
import { messagesPage } from './messages.view';
import type { ViewContext } from './view-context';

const operator = { id: 'OPS-A', role: 'operator' } as const;
const context = (language: 'fr' | 'en' | 'ar'): ViewContext => ({
  locale: new Locale(language),
  reader: operator,
  path: '/messages',
  csrf: 'token',
});

describe(messagesPage.name, () => {
  it('renders a page of hits with a link to the next page and escapes what it shows', () => {
    const search = parseSearch(new URLSearchParams('sender=NP-ML'), operator);
    if (!search.ok) throw new Error('refused');
    const hits = Array.from({ length: 26 }, (_, i) => ({
      messageId: `00000000-0000-4000-8000-0000000000${String(i).padStart(2, '0')}`,
      firstAt: '2026-12-04T20:00:00.000Z',
      lastAt: '2026-12-04T20:00:01.000Z',
      lastStage: 'delivered' as const,
      sender: 'NP-ML',
      type: '<script>',
    }));
    const sut = messagesPage(context('en'), search.form, hits);
    expect(sut.match(/<tr data-message=/g)).toHaveLength(25);
    expect(sut).toContain('rel="next"');
    expect(sut).not.toContain('<script>');
    expect(sut).toContain('&lt;script&gt;');
  });
});

describe(messagePage.name, () => {
  it('escapes every detail of the trace, whatever a sender put in it', () => {
    const entry = {
      eventId: 'e1',
      messageId: '00000000-0000-4000-8000-000000000001',
      stage: 'rejected' as const,
      app: 'pcms-adapter',
      at: '2026-12-04T20:00:00.000Z',
      details: { reason: '<img src=x onerror=alert(1)>', verdicts: [{ rule: '"><script>', detail: 'x' }] },
      seq: 1,
      prevHash: '',
      hash: 'h',
    };
    const sut = messagePage(context('ar'), entry.messageId, [entry]);
    expect(sut).not.toContain('<img');
    expect(sut).not.toContain('"><script>');
    expect(sut).toContain('&quot;&gt;&lt;script&gt;');
    expect(sut).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(sut).toMatch(/<html\s+lang="ar"\s+dir="rtl"/);
  });
});
