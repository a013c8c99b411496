import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ValueError, arange, formatTensor, ones, tensor, zeros } from '../src/index.js';
import { toExponential, toFixed } from '../src/format.js';

// Expected strings are PyTorch 1.13's repr() of the same tensors.
describe('formatTensor', () => {
  it('floats with 4 decimals, aligned, rows on separate lines', () => {
    expect(
      tensor([
        [1, -2.5],
        [3, 4],
      ]).toString(),
    ).toBe('tensor([[ 1.0000, -2.5000],\n        [ 3.0000,  4.0000]])');
  });

  it('integral floats print as 1. ; 0-dim arrays print bare', () => {
    expect(tensor(3).toString()).toBe('tensor(3.)');
    expect(tensor([1, -20]).toString()).toBe('tensor([  1., -20.])');
    expect(zeros(3).toString()).toBe('tensor([0., 0., 0.])');
    expect(tensor(-0.5).toString()).toBe('tensor(-0.5000)');
  });

  it('shows the dtype unless float32 or bool', () => {
    expect(tensor([1, 2, 3], { dtype: 'int32' }).toString()).toBe('tensor([1, 2, 3], dtype=torch.int32)');
    expect(tensor([1, 2], { dtype: 'float64' }).toString()).toBe('tensor([1., 2.], dtype=torch.float64)');
    expect(tensor([true, false]).toString()).toBe('tensor([ True, False])');
    expect(tensor(true).toString()).toBe('tensor(True)');
  });

  it('switches to scientific notation on wide ranges or tiny/huge values', () => {
    expect(tensor([1e-5, 1]).toString()).toBe('tensor([1.0000e-05, 1.0000e+00])');
    expect(tensor([1, 2000]).toString()).toBe('tensor([1.0000e+00, 2.0000e+03])');
    expect(tensor([1e9]).toString()).toBe('tensor([1.0000e+09])');
    expect(tensor([0.5, 1000]).toString()).toBe('tensor([5.0000e-01, 1.0000e+03])');
    expect(tensor([0.5, 100]).toString()).toBe('tensor([  0.5000, 100.0000])');
  });

  it('nan and inf do not count for the notation and print as nan, inf', () => {
    expect(tensor([Number.NaN, 1.5]).toString()).toBe('tensor([   nan, 1.5000])');
    expect(tensor([Infinity, 1]).toString()).toBe('tensor([inf, 1.])');
    expect(tensor([-Infinity, Number.NaN]).toString()).toBe('tensor([-inf, nan])');
  });

  it('wraps rows at 80 columns', () => {
    expect(arange(0, 1, 0.1).toString()).toBe(
      'tensor([0.0000, 0.1000, 0.2000, 0.3000, 0.4000, 0.5000, 0.6000, 0.7000, 0.8000,\n        0.9000])',
    );
  });

  it('puts a suffix that does not fit on its own line', () => {
    expect(arange(0, 0.9, 0.1, { dtype: 'float64' }).toString()).toBe(
      'tensor([0.0000, 0.1000, 0.2000, 0.3000, 0.4000, 0.5000, 0.6000, 0.7000, 0.8000],\n       dtype=torch.float64)',
    );
  });

  it('separates 3-d blocks with a blank line', () => {
    expect(ones([2, 2, 2]).toString()).toBe(
      'tensor([[[1., 1.],\n         [1., 1.]],\n\n        [[1., 1.],\n         [1., 1.]]])',
    );
  });

  it('summarises above 1000 elements with 3 edge items', () => {
    expect(arange(2000).toString()).toBe('tensor([   0,    1,    2,  ..., 1997, 1998, 1999], dtype=torch.int32)');
    const row = '[0., 0., 0.,  ..., 0., 0., 0.]';
    expect(zeros([100, 100]).toString()).toBe(
      `tensor([${row},\n        ${row},\n        ${row},\n        ...,\n        ${row},\n        ${row},\n        ${row}])`,
    );
    // Only the shown values set the width: the hidden middle (99999) is ignored.
    const a = zeros(2000);
    a.data[1000] = 99999;
    expect(a.toString()).toBe('tensor([0., 0., 0.,  ..., 0., 0., 0.])');
  });

  it('empty arrays spell out their shape and non-default dtype', () => {
    expect(zeros([0]).toString()).toBe('tensor([])');
    expect(zeros([2, 0]).toString()).toBe('tensor([], size=(2, 0))');
    expect(zeros([0], { dtype: 'int32' }).toString()).toBe('tensor([], dtype=torch.int32)');
    expect(zeros([0], { dtype: 'bool' }).toString()).toBe('tensor([], dtype=torch.bool)');
  });

  it('prints strided views by their logical order', () => {
    const m = tensor([
      [1, 2],
      [3, 4],
    ]).t();
    expect(m.toString()).toBe('tensor([[1., 3.],\n        [2., 4.]])');
  });

  it('accepts options, a prefix and suffixes', () => {
    expect(formatTensor(tensor([1.23456]), { precision: 2 })).toBe('tensor([1.23])');
    expect(formatTensor(tensor([1, 2]), { suffixes: ['requires_grad=True'] })).toBe('tensor([1., 2.], requires_grad=True)');
    expect(formatTensor(arange(10), { threshold: 5 })).toBe('tensor([0, 1, 2,  ..., 7, 8, 9], dtype=torch.int32)');
    expect(formatTensor(tensor([1, 2]), { sciMode: true })).toBe('tensor([1.0000e+00, 2.0000e+00])');
    expect(() => formatTensor(tensor([1]), { precision: -1 })).toThrow(ValueError);
  });

  it('console.log / util.inspect show the same string', () => {
    const a = tensor([1, 2]);
    expect(inspect(a)).toBe('tensor([1., 2.])');
    expect(String(a)).toBe('tensor([1., 2.])');
  });
});

describe('number formatting matches Python', () => {
  it('rounds exact ties half to even (JS toFixed rounds them up)', () => {
    expect(toFixed(0.03125, 4)).toBe('0.0312');
    expect(toFixed(0.09375, 4)).toBe('0.0938');
    expect(toFixed(-0.03125, 4)).toBe('-0.0312');
    expect(toFixed(2.5, 0)).toBe('2');
    expect(toFixed(3.5, 0)).toBe('4');
    expect(toFixed(0.1, 4)).toBe('0.1000');
    expect(toFixed(Math.fround(0.00015), 4)).toBe('0.0002'); // f32(0.00015) is just above the tie
    expect(toExponential(1.03125, 4)).toBe('1.0312e+00');
    expect(toExponential(9.99995e-5, 4)).toBe('9.9999e-05'); // below the tie in binary
    expect(toExponential(123456, 4)).toBe('1.2346e+05');
  });

  it('keeps the sign of -0 and spells non-finite values', () => {
    expect(toFixed(-0, 4)).toBe('-0.0000');
    expect(toExponential(0, 4)).toBe('0.0000e+00');
    expect(toFixed(Number.NaN, 4)).toBe('nan');
    expect(toExponential(-Infinity, 4)).toBe('-inf');
    expect(toExponential(1e-100, 4)).toBe('1.0000e-100');
  });
});
