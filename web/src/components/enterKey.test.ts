import { describe, expect, it } from 'vitest';
import { enterStep } from './enterKey.js';

describe('enterStep (Enter in a form whose fields all passed their checks)', () => {
  it('moves on from a field that is not the last', () => {
    expect(enterStep(0, 3)).toEqual({ kind: 'focus', index: 1 });
    expect(enterStep(1, 3)).toEqual({ kind: 'focus', index: 2 });
  });

  it('sends the form from its last field', () => {
    expect(enterStep(2, 3)).toEqual({ kind: 'submit' });
    expect(enterStep(0, 1)).toEqual({ kind: 'submit' });
  });

  it('sends from a field it cannot place (alone in its form)', () => {
    expect(enterStep(-1, 0)).toEqual({ kind: 'submit' });
  });
});
