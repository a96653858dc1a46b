import type { FormInstance } from 'antd';
import { useCallback, type KeyboardEvent } from 'react';

/** Inputs where Enter means "done with this field" (not a text area's new line, not a select's choice). */
const TEXT_TYPES = new Set(['text', 'email', 'tel', 'password', 'number', 'search', 'url', '']);

export function isTextEntry(el: Element | null): el is HTMLInputElement {
  return (
    el instanceof HTMLInputElement &&
    TEXT_TYPES.has(el.type) &&
    !el.disabled &&
    !el.readOnly &&
    el.getAttribute('role') !== 'combobox'
  );
}

export type EnterStep = { kind: 'submit' } | { kind: 'focus'; index: number };

/**
 * What Enter does in field `index` of `count` text fields of a form whose every field passed its checks:
 * the last field sends the form, any other moves on to the next field. (A form with errors never gets here:
 * Enter shows them all and sends nothing.) A field that is not among them (-1) sends: it is alone.
 */
export function enterStep(index: number, count: number): EnterStep {
  return index < 0 || index >= count - 1 ? { kind: 'submit' } : { kind: 'focus', index: index + 1 };
}

/**
 * For a Form's onKeyDown: Enter in a text field checks the whole form first. With anything wrong, every error
 * is shown under its field and the first of them gets the focus; nothing is sent. With all well, Enter moves
 * to the next field, and in the last one it submits — so a half-filled form is never sent by a stray Enter
 * (an IME's Enter, which confirms a Chinese word, is left alone).
 */
export function useEnterKey(form: FormInstance) {
  return useCallback(
    (event: KeyboardEvent<HTMLFormElement>) => {
      if (event.key !== 'Enter' || event.nativeEvent.isComposing || event.keyCode === 229) return;
      if (event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return;
      const target = event.target as Element;
      if (!isTextEntry(target)) return;
      event.preventDefault();
      const fields = [...event.currentTarget.querySelectorAll('input')].filter(
        (el) => isTextEntry(el) && el.offsetParent !== null,
      );
      const step = enterStep(fields.indexOf(target), fields.length);
      form.validateFields().then(
        () => {
          if (step.kind === 'submit') form.submit();
          else fields[step.index]?.focus();
        },
        (error: { errorFields?: { name: (string | number)[] }[] }) => {
          const first = error.errorFields?.[0];
          if (first) form.focusField(first.name);
        },
      );
    },
    [form],
  );
}
