/**
 * rand, randn, normal, randint, randperm and the in-place uniform_/normal_/random_. Expected values
 * are either computed here from raw mt19937 words with RNG.md's formulas, or golden values printed
 * by PyTorch 1.13.1 (AVX2 build); float32 randn values are compared bit for bit, which the unfused
 * reading of the AVX2 kernel fails (seed 42, n = 16).
 */
import { describe, expect, it } from 'vitest';
import {
  DTypeError,
  Generator,
  NDArray,
  ValueError,
  manualSeed,
  normal,
  rand,
  randint,
  randn,
  randperm,
} from '../src/index.js';
import { RANDPERM_SMALL_LIMIT, randpermInsideOut } from '../src/random/randperm.js';

/** The first raw words of a generator seeded with `seed`, from a separate generator. */
function raw(seed: number, n: number): number[] {
  const g = new Generator().manualSeed(seed);
  return Array.from({ length: n }, () => g.nextUint32());
}

const u24 = (w: number) => (w & 0xffffff) / 2 ** 24;
const u53 = (hi: number, lo: number) => ((hi & 0x1fffff) * 2 ** 32 + lo) / 2 ** 53;
const list = (a: NDArray) => Array.from(a.data as ArrayLike<number>);

// PyTorch 1.13.1: torch.manual_seed(s); torch.randn(n) / torch.normal(2.0, 0.5, size=(20,))
const TORCH_RANDN_SEED0_N16 = [
  -1.1258398294448853, -1.152360200881958, -0.2505785822868347, -0.4338788092136383, 0.8487103581428528, 0.6920091509819031,
  -0.31601276993751526, -2.1152193546295166, 0.32227492332458496, -1.2633347511291504, 0.34998318552970886,
  0.30813392996788025, 0.11984150856733322, 1.237657904624939, 1.1167771816253662, -0.2472781538963318,
];
const TORCH_RANDN_SEED42_N16 = [
  1.9269152879714966, 1.4872840642929077, 0.9007171988487244, -2.1055209636688232, 0.6784184575080872, -1.2345448732376099,
  -0.04306747764348984, -1.6046669483184814, -0.7521352767944336, 1.6487230062484741, -0.3924786448478699,
  -1.4036071300506592, -0.7278813123703003, -0.5594301819801331, -0.7688388824462891, 0.7624453902244568,
];
const TORCH_RANDN_SEED42_N17 = [
  1.9269152879714966, -0.1595974713563919, -0.4973975419998169, 0.439589262008667, -0.7581311464309692, 1.078317642211914,
  0.8008005619049072, 1.680620551109314, 0.3558599054813385, 1.2964228391647339, 0.610466480255127, 1.334737777709961,
  -0.2316243201494217, 0.041759490966796875, -0.2515752911567688, 0.859858512878418, -0.3097267746925354,
];
const TORCH_RANDN_SEED1234_N5 = [0.0461304634809494, 0.4024028182029724, -1.0115290880203247, 0.2167382389307022, -0.612273097038269];
const TORCH_NORMAL_SEED1234_N20 = [
  1.9441406726837158, 1.7517049312591553, 2.0815367698669434, 1.5591561794281006, 2.1445486545562744, 2.2449355125427246,
  1.807362675666809, 1.6439826488494873, 2.3184564113616943, 1.6429599523544312, 1.4584378004074097, 1.7226378917694092,
  1.3375940322875977, 2.3484902381896973, 1.6684730052947998, 2.6078784465789795, 0.7363324165344238, 2.738892078399658,
  1.915188193321228, 1.5040713548660278,
];
const TORCH_UNIFORM_SEED42 = [
  2.411346435546875, 2.57501983642578125, -0.08568120002746582, 2.7965283393859863, -4.775893688201904e-2, 1.00447678565979,
  -0.7171375751495361, 1.9682066440582275, 2.703857421875, -1.3340704441070557, 2.672990322113037, 0.9678982496261597,
  2.34702205657959, 0.8385764360427856, 1.705470323562622, 0.14702248573303223, 2.4272146224975586, 0.8695222735404968,
  -0.6670997738838196, 1.137245774269104,
];

describe('rand', () => {
  it('float32: 24 low bits of one draw per element', () => {
    manualSeed(0);
    const a = rand([2, 3]);
    expect(a.dtype).toBe('float32');
    expect(a.shape).toEqual([2, 3]);
    expect(list(a)).toEqual(raw(0, 6).map(u24));
    // PyTorch: torch.manual_seed(0); torch.rand(2)
    expect(list(a).slice(0, 2)).toEqual([0.49625658988952637, 0.7682217955589294]);
  });

  it('float64: 53 low bits of two draws per element', () => {
    const g = new Generator().manualSeed(0);
    const a = rand(3, { dtype: 'float64', generator: g });
    const w = raw(0, 6);
    expect(list(a)).toEqual([u53(w[0]!, w[1]!), u53(w[2]!, w[3]!), u53(w[4]!, w[5]!)]);
    expect(g.drawn).toBe(6);
    // PyTorch: torch.manual_seed(0); torch.rand(5, dtype=torch.float64)[0]
    expect(a.data[0]).toBe(0.9700530018065531);
  });

  it('handles 0-dim and empty shapes', () => {
    const g = new Generator().manualSeed(0);
    const s = rand([], { generator: g });
    expect(s.shape).toEqual([]);
    expect(s.data[0]).toBe(u24(raw(0, 1)[0]!));
    const e = rand([2, 0], { generator: g });
    expect(e.size).toBe(0);
    expect(g.drawn).toBe(1);
  });

  it('rejects bad shapes and dtypes', () => {
    expect(() => rand([2, -1])).toThrow(ValueError);
    expect(() => rand([2, -1])).toThrow('rand: invalid size -1 at dim 1 of shape [2, -1]');
    expect(() => rand([1.5])).toThrow('rand: invalid size 1.5 at dim 0 of shape [1.5]');
    expect(() => rand('3' as unknown as number)).toThrow('rand: shape must be a number or an array of numbers, got 3');
    expect(() => rand(2, { dtype: 'int32' as 'float32' })).toThrow(DTypeError);
    expect(() => rand(2, { dtype: 'int32' as 'float32' })).toThrow('rand: dtype int32 is not supported (expected float32 or float64)');
    expect(() => randn(2, { dtype: 'float16' as 'float32' })).toThrow(DTypeError);
  });
});

describe('randn', () => {
  it('n >= 16 float32 matches PyTorch bit for bit (AVX2 normal_fill)', () => {
    manualSeed(0);
    expect(list(randn([4, 4]))).toEqual(TORCH_RANDN_SEED0_N16);
    manualSeed(42);
    expect(list(randn(16))).toEqual(TORCH_RANDN_SEED42_N16);
    manualSeed(42);
    expect(list(randn(17))).toEqual(TORCH_RANDN_SEED42_N17);
  });

  it('n < 16 takes the scalar Box-Muller path, bit for bit', () => {
    manualSeed(1234);
    expect(list(randn(5))).toEqual(TORCH_RANDN_SEED1234_N5);
  });

  it('scalar path: pairs from two float64 uniforms, the sin value cached for the next call', () => {
    const g = new Generator().manualSeed(0);
    const w = raw(0, 8);
    const pair = (k: number) => {
      const u1 = u53(w[k]!, w[k + 1]!);
      const u2 = u53(w[k + 2]!, w[k + 3]!);
      const r = Math.sqrt(-2 * Math.log(1 - u2));
      return [r * Math.cos(2 * Math.PI * u1), r * Math.sin(2 * Math.PI * u1)];
    };
    const [z0, z1] = pair(0);
    const [z2, z3] = pair(4);
    expect(list(randn(3, { dtype: 'float64', generator: g }))).toEqual([z0, z1, z2]);
    expect(g.drawn).toBe(8);
    expect(g.nextDoubleNormal).toBe(z3);
    // the cached value costs no draw, and float32 calls share the float64 cache
    expect(list(randn(1, { generator: g }))).toEqual([Math.fround(z3!)]);
    expect(g.drawn).toBe(8);
    expect(g.nextDoubleNormal).toBeNull();
  });

  it('the cache survives rand, randint, randperm and the n >= 16 path', () => {
    const g = new Generator().manualSeed(5);
    randn(1, { generator: g });
    const cached = g.nextDoubleNormal;
    rand(3, { generator: g });
    randint(0, 5, [2], { generator: g });
    randperm(4, { generator: g });
    randn(20, { generator: g });
    expect(g.nextDoubleNormal).toBe(cached);
  });

  it('draws n + 16 (float32) or 2n + 32 (float64) words for a ragged n >= 16', () => {
    const count = (f: (g: Generator) => unknown) => {
      const g = new Generator().manualSeed(3);
      f(g);
      return g.drawn;
    };
    expect(count((g) => randn(16, { generator: g }))).toBe(16);
    expect(count((g) => randn(17, { generator: g }))).toBe(33);
    expect(count((g) => randn([10, 10], { generator: g }))).toBe(116);
    expect(count((g) => randn(32, { dtype: 'float64', generator: g }))).toBe(64);
    expect(count((g) => randn(100, { dtype: 'float64', generator: g }))).toBe(232);
    expect(count((g) => randn(3, { generator: g }))).toBe(8);
    expect(count((g) => randn(2, { generator: g }))).toBe(4);
  });

  it('float64 n >= 16: Box-Muller on 16-blocks of float64 uniforms', () => {
    const g = new Generator().manualSeed(8);
    const a = randn(16, { dtype: 'float64', generator: g });
    const w = raw(8, 32);
    const u = Array.from({ length: 16 }, (_, k) => u53(w[2 * k]!, w[2 * k + 1]!));
    for (let j = 0; j < 8; j++) {
      const r = Math.sqrt(-2 * Math.log(1 - u[j]!));
      const theta = 2 * Math.PI * u[j + 8]!;
      expect(a.data[j]).toBe(r * Math.cos(theta));
      expect(a.data[j + 8]).toBe(r * Math.sin(theta));
    }
  });
});

describe('normal', () => {
  it('n >= 16 float32 with mean and std matches PyTorch bit for bit', () => {
    manualSeed(1234);
    expect(list(normal(2, 0.5, [20]))).toEqual(TORCH_NORMAL_SEED1234_N20);
  });

  it('is mean + std * the standard stream (scalar path, float64)', () => {
    const z = randn(3, { dtype: 'float64', generator: new Generator().manualSeed(4) });
    const x = normal(1.5, 3, 3, { dtype: 'float64', generator: new Generator().manualSeed(4) });
    for (let i = 0; i < 3; i++) expect(Math.abs(x.data[i]! - (z.data[i]! * 3 + 1.5))).toBeLessThanOrEqual(4e-16 * Math.abs(x.data[i]!));
  });

  it('rejects a negative std', () => {
    expect(() => normal(0, -1, [2])).toThrow(ValueError);
    expect(() => normal(0, -1, [2])).toThrow('normal: expected std >= 0, got std=-1');
  });
});

describe('NDArray.uniform_ / normal_', () => {
  it('uniform_(from, to) matches PyTorch bit for bit (float32 fused multiply-add)', () => {
    manualSeed(42);
    const t = new NDArray(new Float32Array(20), [20]);
    expect(t.uniform_(-2, 3)).toBe(t);
    expect(list(t)).toEqual(TORCH_UNIFORM_SEED42);
  });

  it('float64 uniform_ is x * (to - from) + from', () => {
    const t = new NDArray(new Float64Array(3), [3]).uniform_(-1, 1, { generator: new Generator().manualSeed(2) });
    const w = raw(2, 6);
    expect(list(t)).toEqual([0, 2, 4].map((k) => 2 * u53(w[k]!, w[k + 1]!) - 1));
  });

  it('fills a non-contiguous view element by element in row-major order', () => {
    // a transposed 3x4 view of a 4x3 buffer
    const t = new NDArray(new Float32Array(12), [3, 4], [1, 3]);
    expect(t.isContiguous()).toBe(false);
    t.uniform_(0, 1, { generator: new Generator().manualSeed(6) });
    const w = raw(6, 12).map(u24);
    for (let i = 0; i < 3; i++) for (let j = 0; j < 4; j++) expect(t.data[i + 3 * j]).toBe(w[i * 4 + j]);
  });

  it('normal_ on a contiguous view with an offset takes the n >= 16 path', () => {
    const buf = new Float32Array(20);
    const t = new NDArray(buf, [16], [1], 2);
    t.normal_(0, 1, { generator: new Generator().manualSeed(0) });
    expect(Array.from(buf.subarray(2, 18))).toEqual(TORCH_RANDN_SEED0_N16);
    expect([buf[0], buf[1], buf[18], buf[19]]).toEqual([0, 0, 0, 0]);
  });

  it('normal_ on a non-contiguous view takes the scalar path in row-major order', () => {
    const t = new NDArray(new Float32Array(16), [4, 4], [1, 4]);
    t.normal_(0, 1, { generator: new Generator().manualSeed(1234) });
    const g = new Generator().manualSeed(1234);
    const expected = [...list(randn(15, { generator: g })), ...list(randn(1, { generator: g }))];
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) expect(t.data[i + 4 * j]).toBe(expected[i * 4 + j]);
  });

  it('reject integer tensors and bad bounds', () => {
    const i = new NDArray(new Int32Array(2), [2]);
    expect(() => i.uniform_()).toThrow(DTypeError);
    expect(() => i.uniform_()).toThrow('uniform_: expected a float32 or float64 tensor, got int32');
    expect(() => i.normal_()).toThrow('normal_: expected a float32 or float64 tensor, got int32');
    const f = new NDArray(new Float32Array(2), [2]);
    expect(() => f.uniform_(3, 2)).toThrow('uniform_: expected from <= to for the range [from, to), got from=3 > to=2');
    expect(() => f.uniform_(0, Infinity)).toThrow(ValueError);
    expect(() => f.uniform_(-3e38, 3e38)).toThrow('uniform_: to - from must fit in float32, got from=-3e+38, to=3e+38');
    expect(() => f.normal_(0, -2)).toThrow('normal_: expected std >= 0, got std=-2');
    const d = new NDArray(new Float64Array(2), [2]);
    expect(() => d.uniform_(-1.7e308, 1.7e308)).toThrow('uniform_: to - from must fit in float64, got from=-1.7e+308, to=1.7e+308');
  });
});

describe('NDArray.random_', () => {
  it('without bounds covers the dtype: int32 % 2^31, float32 % (2^24 + 1), bool & 1', () => {
    const w = raw(0, 5);
    const i = new NDArray(new Int32Array(5), [5]).random_({ generator: new Generator().manualSeed(0) });
    expect(list(i)).toEqual(w.map((x) => x % 2 ** 31));
    // PyTorch: torch.manual_seed(0); torch.empty(5, dtype=torch.int32).random_()
    expect(list(i)).toEqual([209652396, 398764591, 924231285, 1478610112, 441365315]);
    const f = new NDArray(new Float32Array(5), [5]).random_({ generator: new Generator().manualSeed(0) });
    expect(list(f)).toEqual(w.map((x) => x % (2 ** 24 + 1)));
    const b = new NDArray(new Uint8Array(5), [5], undefined, 0, 'bool').random_({ generator: new Generator().manualSeed(0) });
    expect(list(b)).toEqual(w.map((x) => x & 1));
  });

  it('float64 without bounds is random64() % (2^53 + 1)', () => {
    const g = new Generator().manualSeed(13);
    const h = new Generator().manualSeed(13);
    const t = new NDArray(new Float64Array(300), [300]).random_({ generator: g });
    for (let k = 0; k < 300; k++) expect(t.data[k]).toBe(Number(h.nextUint64() % (2n ** 53n + 1n)));
  });

  it('random_(to) and random_(from, to) take draw % range + from', () => {
    const w = raw(3, 4);
    const a = new NDArray(new Int32Array(4), [4]).random_(10, { generator: new Generator().manualSeed(3) });
    expect(list(a)).toEqual(w.map((x) => x % 10));
    const b = new NDArray(new Int32Array(4), [4]).random_(-5, 5, { generator: new Generator().manualSeed(3) });
    expect(list(b)).toEqual(w.map((x) => (x % 10) - 5));
    // the full int32 range is a range of 2^32, still one 32-bit draw per element
    const g = new Generator().manualSeed(3);
    const c = new NDArray(new Int32Array(4), [4]).random_(-(2 ** 31), 2 ** 31, { generator: g });
    expect(list(c)).toEqual(w.map((x) => x - 2 ** 31));
    expect(g.drawn).toBe(4);
  });

  it('rejects empty ranges and bounds the dtype cannot hold', () => {
    const t = new NDArray(new Int32Array(2), [2]);
    expect(() => t.random_(5, 5)).toThrow('random_: expected low < high, got low=5 >= high=5');
    expect(() => t.random_(0, 2 ** 31 + 1)).toThrow(ValueError);
    expect(() => new NDArray(new Float32Array(2), [2]).random_(0, 2 ** 25)).toThrow(ValueError);
    expect(() => t.random_(0.5, 2)).toThrow(ValueError);
  });
});

describe('randint', () => {
  it('matches PyTorch and draws one word per element for ranges below 2^32', () => {
    manualSeed(0);
    // PyTorch: torch.manual_seed(0); torch.randint(0, 10, (20,))[:8]
    expect(list(randint(0, 10, [8]))).toEqual([4, 9, 3, 0, 3, 9, 7, 3]);
    const g = new Generator().manualSeed(7);
    const a = randint(-3, 3, [2, 3], { generator: g });
    expect(a.dtype).toBe('int32');
    expect(a.shape).toEqual([2, 3]);
    expect(list(a)).toEqual(raw(7, 6).map((x) => (x % 6) - 3));
    expect(g.drawn).toBe(6);
  });

  it('randint(high, shape) samples [0, high)', () => {
    const a = randint(5, 4, { generator: new Generator().manualSeed(7) });
    expect(a.shape).toEqual([4]);
    expect(list(a)).toEqual(raw(7, 4).map((x) => x % 5));
  });

  it('uses random64() for float dtypes and ranges of 2^32 or more', () => {
    const g = new Generator().manualSeed(0);
    const h = new Generator().manualSeed(0);
    const a = randint(-7, 2 ** 40, [5], { dtype: 'float64', generator: g });
    expect(list(a)).toEqual(Array.from({ length: 5 }, () => Number((h.nextUint64() % (2n ** 40n + 7n)) - 7n)));
    expect(g.drawn).toBe(10);
  });

  it('rejects bad bounds, dtypes and shapes', () => {
    expect(() => randint(5, 5, [2])).toThrow('randint: expected low < high, got low=5 >= high=5');
    expect(() => randint(0, 2 ** 32, [2])).toThrow(
      'randint: [0, 4294967296) does not fit in int32 (need low >= -2147483648 and high - 1 <= 2147483647); use dtype float64 for a wider range',
    );
    expect(() => randint(0, 1.5, [2])).toThrow(ValueError);
    expect(() => randint(0, 2 ** 60, [2], { dtype: 'float64' })).toThrow(ValueError);
    expect(() => randint(0, 2, [2], { dtype: 'bool' as 'int32' })).toThrow(DTypeError);
    expect(() => randint(0, 2, [-2])).toThrow('randint: invalid size -2 at dim 0 of shape [-2]');
  });
});

describe('randperm', () => {
  it('matches PyTorch and draws n - 1 words', () => {
    const g = new Generator().manualSeed(0);
    const p = randperm(10, { generator: g });
    expect(p.dtype).toBe('int32');
    // PyTorch: torch.manual_seed(0); torch.randperm(10)
    expect(list(p)).toEqual([4, 1, 7, 5, 3, 9, 0, 8, 6, 2]);
    expect(g.drawn).toBe(9);
  });

  it('is the forward Fisher-Yates of RNG.md with random() % (n - i)', () => {
    const n = 1000;
    const w = raw(9, n - 1);
    const r = Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < n - 1; i++) {
      const z = i + (w[i]! % (n - i));
      [r[i], r[z]] = [r[z]!, r[i]!];
    }
    expect(list(randperm(n, { generator: new Generator().manualSeed(9) }))).toEqual(r);
    expect(list(randperm(n, { dtype: 'float64', generator: new Generator().manualSeed(9) }))).toEqual(r);
  });

  it('draws nothing for n <= 1', () => {
    const g = new Generator().manualSeed(0);
    expect(list(randperm(0, { generator: g }))).toEqual([]);
    expect(list(randperm(1, { generator: g }))).toEqual([0]);
    expect(g.drawn).toBe(0);
  });

  it('large-n branch: inside-out Fisher-Yates with random64() % (i + 1)', () => {
    expect(RANDPERM_SMALL_LIMIT).toBe(214748364);
    const n = 300;
    const out = new Int32Array(n);
    const g = new Generator().manualSeed(21);
    randpermInsideOut(out, n, g);
    expect(g.drawn).toBe(2 * n);
    const h = new Generator().manualSeed(21);
    const r = new Array<number>(n).fill(-1);
    for (let i = 0; i < n; i++) {
      const z = Number(h.nextUint64() % BigInt(i + 1));
      r[i] = r[z]!;
      r[z] = i;
    }
    expect(Array.from(out)).toEqual(r);
    expect([...out].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
  });

  it('rejects bad n and dtypes', () => {
    expect(() => randperm(-1)).toThrow(ValueError);
    expect(() => randperm(-1)).toThrow('randperm: n must be a non-negative integer, got -1');
    expect(() => randperm(2.5)).toThrow('randperm: n must be a non-negative integer, got 2.5');
    expect(() => randperm(2 ** 24 + 1, { dtype: 'float32' })).toThrow('randperm: n must be at most 2^24 for float32, got 16777217');
    expect(() => randperm(3, { dtype: 'bool' as 'int32' })).toThrow(DTypeError);
  });
});
