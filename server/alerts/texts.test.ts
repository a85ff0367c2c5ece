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
});
