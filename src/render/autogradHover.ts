// The hover on an autograd spelling: the article's rule for that spot and, when the code around
// it could be followed on the engine, what the engine found for that very code (the graph, the
// gradient's meaning, a plot of x.grad, PyTorch's own error). Pure string building.
//
// Trust: lesson texts are ours; names from the user's file reach the markdown only through
// escapeMarkdown or as code spans built by codeSpan (which cannot be broken out of).
import type { Translate } from '../i18n';
import { english } from '../i18n';
import { lessonFor } from '../autograd/lessons';
import type { AutogradKind } from '../autograd/spellings';
import { escapeMarkdown } from './escape';

export interface AutogradHoverFacts {
  /** Lines of engine facts, already rendered (markdown) by the follower's renderer. */
  lines: string[];
  /** An image (data URI) and its alt text, e.g. the plot of x.grad or the graph. */
  images?: Array<{ uri: string; alt: string }>;
}

export interface AutogradHoverRequest {
  kind: AutogradKind;
  facts?: AutogradHoverFacts;
}

/**
 * A code span that shows `s` literally: backticks inside are fenced by a longer run, control
 * characters become spaces and overly long text is cut (CommonMark code spans take no escapes).
 */
export function codeSpan(s: string, max = 80): string {
  // eslint-disable-next-line no-control-regex
  let v = s.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, ' ');
  if (v.length > max) v = v.slice(0, max) + '…';
  let fence = '`';
  while (v.includes(fence)) fence += '`';
  const pad = v.startsWith('`') || v.endsWith('`') || v.startsWith(' ') ? ' ' : '';
  return `${fence}${pad}${v}${pad}${fence}`;
}

export function renderAutogradHover(req: AutogradHoverRequest, t: Translate = english): string {
  const lesson = lessonFor(req.kind, t);
  const blocks: string[] = [];
  blocks.push(`**${escapeMarkdown(t('Autograd'))}** \u00b7 \`${lesson.title}\``);
  if (req.facts && (req.facts.lines.length || req.facts.images?.length)) {
    const f: string[] = [];
    if (req.facts.lines.length) f.push(req.facts.lines.join('  \n'));
    // side by side: a hover shows about 250 px before it scrolls
    const imgs = (req.facts.images ?? []).map((img) => `![${escapeMarkdown(img.alt, 200)}](${img.uri})`);
    if (imgs.length) f.push(imgs.join(' &nbsp; '));
    blocks.push(f.join('\n\n'));
  }
  blocks.push(lesson.body.map((p) => escapeLesson(p)).join('\n\n'));
  return blocks.join('\n\n---\n\n');
}

/**
 * Our lesson texts (and their translations) carry `code` spans as their only markup; everything
 * outside the spans is escaped so a translator's stray `*` or `[` stays text.
 */
function escapeLesson(p: string): string {
  return p.split(/(`[^`]*`)/).map((part, i) => (i % 2 === 1 ? part : escapeMarkdown(part, 2000))).join('');
}
