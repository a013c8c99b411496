/** The `saves` declarations rules share: which forward operands a backward reads. */
import type { Saves } from '../rule.js';

export const SAVES_INPUT: Saves = { inputs: [0] };
export const SAVES_BOTH: Saves = { inputs: [0, 1] };
export const SAVES_OUTPUT: Saves = { output: true };
export const SAVES_INPUT_OUTPUT: Saves = { inputs: [0], output: true };
