// Parameter inputs built from the catalog: numbers as a slider (the catalog's UI range) plus a
// text field (any finite value PyTorch accepts), enums as a dropdown, booleans as a checkbox.
import type { ActivationMeta, ParamValue } from '../src/protocol';
import { readNumber } from '../src/fieldInput';
import { MAX_ABS_RANGE } from '../src/protocol';
import { h, on, valueOf } from './dom';
import { t } from './host';

export function paramControls(
  meta: ActivationMeta,
  values: Record<string, ParamValue>,
  onChange: (name: string, value: ParamValue) => void,
  onInvalid: (message: string) => void,
  idPrefix: string,
): HTMLElement {
  const shown = meta.params.filter((p) => !meta.ignored.includes(p.name));
  const box = h('div', { class: 'params' });
  if (!shown.length) {
    box.append(h('p', { class: 'muted small' }, t('no parameters')));
    return box;
  }
  for (const p of shown) {
    const id = `${idPrefix}-${p.name}`;
    const value = values[p.name] ?? p.default;
    if (p.kind === 'number') {
      const label = h('label', { for: `${id}-field`, class: 'param-label' }, p.name);
      const slider = h('input', {
        type: 'range', id: `${id}-slider`, min: String(p.min), max: String(p.max), step: String(p.step), value: String(value), 'aria-label': p.name,
      });
      const field = h('vscode-text-field', { id: `${id}-field`, value: String(value), size: '6', 'aria-label': p.name, class: 'param-field' });
      // The last value the field held that was accepted: a refused edit puts it back, so what the
      // field shows is always what the charts and "Copy script" use.
      let accepted = Number(value);
      const commit = (raw: string, fromSlider: boolean) => {
        const r = readNumber(raw, p.name, t, { maxAbs: MAX_ABS_RANGE, integer: p.integer });
        if (!r.ok) {
          (field as HTMLInputElement).value = String(accepted);
          return onInvalid(r.error);
        }
        const v = r.value;
        if (v === accepted && !fromSlider) return; // Enter, then the change event: one edit
        accepted = v;
        if (fromSlider) (field as HTMLInputElement).value = raw;
        else if (v >= p.min && v <= p.max) (slider as HTMLInputElement).value = String(v);
        onChange(p.name, v);
      };
      on(slider, 'input', () => commit(slider.value, true));
      on(field, 'change', () => commit(valueOf(field), false));
      on(field, 'keydown', (e: KeyboardEvent) => { if (e.key === 'Enter') commit(valueOf(field), false); });
      box.append(h('div', { class: 'param' }, label, h('div', { class: 'param-inputs' }, slider, field)));
    } else if (p.kind === 'enum') {
      const dd = h('vscode-dropdown', { id, 'aria-label': p.name, class: 'param-enum' });
      for (const o of p.options) dd.append(h('vscode-option', { value: o, selected: o === value }, o));
      on(dd, 'change', () => onChange(p.name, valueOf(dd)));
      box.append(h('div', { class: 'param' }, h('label', { for: id, class: 'param-label' }, p.name), dd));
    } else {
      const cb = h('vscode-checkbox', { id, checked: value === true }, p.name);
      on(cb, 'change', () => onChange(p.name, (cb as HTMLInputElement).checked));
      box.append(h('div', { class: 'param' }, cb));
    }
  }
  return box;
}
