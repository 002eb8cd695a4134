// Text from the user's file is shown as text, never as markup: every ASCII punctuation character
// is backslash-escaped (CommonMark lets any of them be), so `](javascript:`, `command:` links,
// HTML tags, code spans, emphasis and `$(icon)` syntax all render literally. Giant literals are
// cut short and control characters (newlines included) become spaces.

export const MAX_USER_TEXT = 80;

export function escapeMarkdown(text: string, max = MAX_USER_TEXT): string {
  let s = String(text);
  if (s.length > max) s = s.slice(0, max) + '…';
  // eslint-disable-next-line no-control-regex
  s = s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
  // `<`, `>` and `&` become entities (no raw HTML can start, no entity can be formed);
  // the other ASCII punctuation marks get a backslash.
  return s.replace(/[!-/:-@[-`{-~]/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : '\\' + c));
}

/** Inside a link label we also want no newlines; same escaping applies. */
export const escapeLabel = escapeMarkdown;

/**
 * An image's alt text as a screen reader should read it: VS Code shows alt text raw, so
 * backslash escapes would be read out ("softmax backslash ( z …"). Only our own text goes here
 * (formulas, titles); the few characters that could end the alt or start markup are replaced by
 * look-alikes instead of escaped.
 */
export function altText(text: string, max = 200): string {
  let s = String(text);
  if (s.length > max) s = s.slice(0, max) + '…';
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ').replace(/\\/g, '').replace(/\[/g, '(').replace(/\]/g, ')')
    .replace(/</g, '‹').replace(/>/g, '›').replace(/`/g, "'");
}

/** Text inside HTML (element content or a quoted attribute): the five markup characters as entities. */
export const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
