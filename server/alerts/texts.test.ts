// The alert e-mail points to the staff app's settings by the names the app shows (issue 13: it
// named a "zakładka powiadomień" that the app calls "Ustawienia"), and carries no content.
import { describe, expect, it } from 'vitest';
import { alertText } from './texts.ts';

describe('alert texts', () => {
  it('names the page and section the staff app shows', () => {
    const { text } = alertText({
      kind: 'report',
      urgent: false,
      schoolCode: 'SP3',
      staffUrl: 'https://example.invalid/staff/',
    });
    expect(text).toContain('Ustawienia → Powiadomienia');
    expect(text).not.toContain('zakładce');
  });

  it('links an urgent report or message to its case and an ordinary one to the inbox', () => {
    const id = '0b6a3c52-6a57-4d84-9a43-8a0f0d1e2f3a';
    const base = { schoolCode: 'SP3', staffUrl: 'https://example.invalid/staff/', reportId: id };
    const urgent = alertText({ ...base, kind: 'message', urgent: true });
    expect(urgent.text).toContain(`https://example.invalid/staff/reports/${id}`);
    expect(urgent.push.url).toBe(`/staff/reports/${id}`);
    const { reportId: _, ...ordinary } = base;
    expect(alertText({ ...ordinary, kind: 'report', urgent: false }).push.url).toBe('/staff/');
  });
});
