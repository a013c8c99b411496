/**
 * A text control that validates as it is typed: a bad value is marked (`aria-invalid`) with the
 * validator's message next to the control, and only a good value is handed on, when the control
 * is committed (change event: blur or Enter).
 */
import type { Parsed } from '../engine/config.js';

export class Field<T> {
  readonly input: HTMLInputElement;
  private readonly message: HTMLElement;

  constructor(
    id: string,
    private readonly parse: (text: string) => Parsed<T>,
    onCommit: (value: T) => void,
  ) {
    this.input = byId<HTMLInputElement>(id);
    this.message = byId(`${id}-error`);
    this.input.addEventListener('input', () => this.check());
    this.input.addEventListener('change', () => {
      const r = this.check();
      if (r.ok) onCommit(r.value);
    });
  }

  /** Validates the current text, shows or clears the message, and returns the verdict. */
  check(): Parsed<T> {
    const r = this.parse(this.input.value);
    this.input.setAttribute('aria-invalid', String(!r.ok));
    this.message.textContent = r.ok ? '' : r.message;
    return r;
  }

  set(text: string): void {
    this.input.value = text;
    this.check();
  }

  get valid(): boolean {
    return this.parse(this.input.value).ok;
  }
}

/** The element with `id`; a missing one is a bug in index.html, so it throws. */
export function byId<E extends HTMLElement = HTMLElement>(id: string): E {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`index.html has no element #${id}`);
  return el as E;
}
