/**
 * The mt19937 engine and `Generator`: reference outputs, seeding semantics, state round trips,
 * independence of generators, the draw counter and the exact 64-bit helpers. Expected numbers come
 * from the MT19937 reference (5489 → 3499211612, 10000th output 4123659995) and from
 * `numpy.random.RandomState(s)` (same engine and seeding for 32-bit s), never from this code.
 */
import { describe, expect, it } from 'vitest';
import {
  Generator,
  ValueError,
  defaultGenerator,
  getRngState,
  initialSeed,
  manualSeed,
  rand,
  randn,
  randomInt64,
  seed,
  setRngState,
} from '../src/index.js';
import { MT19937 } from '../src/random/mt19937.js';

/** numpy.random.RandomState(s).randint(0, 2**32, size=12, dtype=np.uint32) */
const NUMPY_RAW: Record<number, number[]> = {
  0: [2357136044, 2546248239, 3071714933, 3626093760, 2588848963, 3684848379, 2340255427, 3638918503, 1819583497, 2678185683, 2774094101, 1650906866],
  42: [1608637542, 3421126067, 4083286876, 787846414, 3143890026, 3348747335, 2571218620, 2563451924, 670094950, 1914837113, 669991378, 429389014],
  5489: [3499211612, 581869302, 3890346734, 3586334585, 545404204, 4161255391, 3922919429, 949333985, 2715962298, 1323567403, 418932835, 2350294565],
};

function draws(g: Generator, n: number): number[] {
  return Array.from({ length: n }, () => g.nextUint32());
}

describe('MT19937', () => {
  it('matches the reference outputs for seed 5489, including the 10000th', () => {
    const mt = new MT19937(5489);
    expect(mt.next()).toBe(3499211612);
    for (let i = 2; i < 10000; i++) mt.next();
    expect(mt.next()).toBe(4123659995);
    expect(mt.drawn).toBe(10000);
  });

  it.each([0, 42, 5489])('matches numpy RandomState(%i)', (s) => {
    const mt = new MT19937(s);
    expect(Array.from({ length: 12 }, () => mt.next())).toEqual(NUMPY_RAW[s]);
  });

  it('keeps matching numpy across state regenerations (every 624 draws)', () => {
    const mt = new MT19937(0);
    const out = Array.from({ length: 1250 }, () => mt.next());
    // numpy.random.RandomState(0): outputs 622..626 and 1246..1249
    expect(out.slice(622, 627)).toEqual([631131020, 3791854820, 341544762, 1076416385, 384842097]);
    expect(out.slice(1246, 1250)).toEqual([3492039745, 1145454359, 4192857288, 2422637952]);
  });

  it('returns unsigned 32-bit integers', () => {
    const mt = new MT19937(7);
    for (let i = 0; i < 2000; i++) {
      const v = mt.next();
      expect(Number.isInteger(v) && v >= 0 && v < 2 ** 32).toBe(true);
    }
  });
});

describe('Generator seeding', () => {
  it('seeds a fresh Generator with 67280421310721 (low 32 bits 2755579137)', () => {
    const g = new Generator();
    expect(g.initialSeed()).toBe(67280421310721n);
    expect(draws(g, 4)).toEqual([2353294710, 1155489284, 4015379837, 3295095820]);
  });

  it('manualSeed uses only the low 32 bits for the stream but reports the full seed', () => {
    const a = new Generator().manualSeed(2 ** 32 + 42);
    expect(a.initialSeed()).toBe(4294967338n);
    expect(draws(a, 12)).toEqual(NUMPY_RAW[42]);
    const b = new Generator().manualSeed(1099511627818n);
    expect(b.initialSeed()).toBe(1099511627818n);
    expect(draws(b, 3)).toEqual(NUMPY_RAW[42]!.slice(0, 3));
  });

  it('takes negative seeds modulo 2^64', () => {
    const g = new Generator().manualSeed(-1);
    expect(g.initialSeed()).toBe(18446744073709551615n);
    // numpy.random.RandomState(2**32 - 1)
    expect(draws(g, 3)).toEqual([419326371, 479346978, 3918654476]);
    expect(new Generator().manualSeed(2n ** 64n + 5n).initialSeed()).toBe(5n);
  });

  it('rejects non-integer seeds', () => {
    expect(() => new Generator().manualSeed(1.5)).toThrow(ValueError);
    expect(() => new Generator().manualSeed(1.5)).toThrow('manualSeed: the seed must be an integer, got 1.5');
    expect(() => new Generator().manualSeed(NaN)).toThrow(ValueError);
  });

  it('manualSeed clears the cached normal value', () => {
    const g = new Generator().manualSeed(0);
    const first = randn(1, { generator: g }).data[0];
    expect(g.nextDoubleNormal).not.toBeNull();
    g.manualSeed(0);
    expect(g.nextDoubleNormal).toBeNull();
    expect(randn(1, { generator: g }).data[0]).toBe(first);
  });

  it('seed() reseeds non-deterministically and returns the seed it used', () => {
    const g = new Generator();
    const s = g.seed();
    expect(typeof s).toBe('bigint');
    expect(s >= 0n && s < 2n ** 64n).toBe(true);
    expect(g.initialSeed()).toBe(s);
    const stream = draws(g, 5);
    expect(draws(new Generator().manualSeed(s), 5)).toEqual(stream);
  });

  it('the global functions act on defaultGenerator', () => {
    expect(manualSeed(42)).toBe(defaultGenerator);
    expect(initialSeed()).toBe(42n);
    expect(draws(defaultGenerator, 2)).toEqual(NUMPY_RAW[42]!.slice(0, 2));
    const s = seed();
    expect(initialSeed()).toBe(s);
  });
});

describe('Generator state', () => {
  it('exposes the mt19937 words and position as numpy does', () => {
    const g = new Generator().manualSeed(42);
    let st = g.getState();
    // numpy.random.RandomState(42).get_state(): pos 624, key[0:3], key[623]
    expect(st.index).toBe(624);
    expect(st.mt.slice(0, 3)).toEqual([42, 3107752595, 1895908407]);
    expect(st.mt[623]).toBe(26719530);
    draws(g, 5);
    st = g.getState();
    expect(st.index).toBe(5);
    expect(st.mt.slice(0, 4)).toEqual([723970371, 1229153189, 4170412009, 2042542564]);
    expect(st.mt.slice(622)).toEqual([1432291794, 4088152671]);
    expect(st.mt.reduce((a, b) => a + b, 0)).toBe(1331539527269);
    expect(st.initialSeed).toBe('42');
    expect(st.nextDoubleNormal).toBeNull();
  });

  it('round-trips exactly through JSON, cached normal value included', () => {
    const g = new Generator().manualSeed(3);
    randn(3, { generator: g }); // leaves a cached value
    const saved = JSON.parse(JSON.stringify(g.getState())) as ReturnType<Generator['getState']>;
    expect(saved.nextDoubleNormal).not.toBeNull();
    const a = [...randn(5, { generator: g }).data, ...rand(700, { generator: g }).data];
    const h = new Generator().setState(saved);
    expect(h.initialSeed()).toBe(3n);
    const b = [...randn(5, { generator: h }).data, ...rand(700, { generator: h }).data];
    expect(b).toEqual(a);
    g.setState(saved);
    expect([...randn(5, { generator: g }).data, ...rand(700, { generator: g }).data]).toEqual(a);
  });

  it('getRngState / setRngState save and restore the global generator', () => {
    manualSeed(9);
    const st = getRngState();
    const a = randn(4).data;
    setRngState(st);
    expect(randn(4).data).toEqual(a);
  });

  it('rejects a malformed state and leaves the generator unchanged', () => {
    const g = new Generator().manualSeed(1);
    const good = g.getState();
    const bad = (patch: object) => ({ ...good, ...patch });
    expect(() => g.setState(bad({ mt: good.mt.slice(1) }))).toThrow('setState: mt must be an array of 624 words, got an array of length 623');
    expect(() => g.setState(bad({ mt: [...good.mt.slice(0, 623), 2 ** 32] }))).toThrow('setState: mt[623] must be an integer in [0, 2^32), got 4294967296');
    expect(() => g.setState(bad({ index: 625 }))).toThrow('setState: index must be an integer in [0, 624], got 625');
    expect(() => g.setState(bad({ initialSeed: '-1' }))).toThrow(ValueError);
    expect(() => g.setState(bad({ initialSeed: (2n ** 64n).toString() }))).toThrow(ValueError);
    expect(() => g.setState(bad({ nextDoubleNormal: NaN }))).toThrow(ValueError);
    expect(draws(g, 3)).toEqual(draws(new Generator().manualSeed(1), 3));
  });
});

describe('Generator independence', () => {
  it('a Generator does not touch the global stream, and vice versa', () => {
    manualSeed(0);
    const g = new Generator().manualSeed(0);
    const fromG = draws(g, 3);
    expect(fromG).toEqual(NUMPY_RAW[0]!.slice(0, 3));
    // the global generator is still at its start
    expect(draws(defaultGenerator, 3)).toEqual(NUMPY_RAW[0]!.slice(0, 3));
    expect(draws(g, 3)).toEqual(NUMPY_RAW[0]!.slice(3, 6));
  });

  it('each Generator has its own cached normal value', () => {
    manualSeed(1);
    const g = new Generator().manualSeed(0);
    randn(3, { generator: g });
    const cached = g.nextDoubleNormal;
    randn(1);
    randn(1);
    expect(g.nextDoubleNormal).toBe(cached);
    expect(randn(1, { generator: g }).data[0]).toBe(Math.fround(cached!));
    expect(g.nextDoubleNormal).toBeNull();
  });
});

describe('draw primitives', () => {
  it('counts every 32-bit draw', () => {
    const g = new Generator().manualSeed(0);
    const d0 = g.drawn;
    g.nextUint32();
    g.nextUint64();
    g.nextUniformFloat32();
    g.nextUniformFloat64();
    g.nextUint64Mod(10);
    expect(g.drawn - d0).toBe(1 + 2 + 1 + 2 + 2);
  });

  it('nextUint64 puts the first draw in the high word', () => {
    const [hi, lo] = NUMPY_RAW[0]!;
    expect(new Generator().manualSeed(0).nextUint64()).toBe((BigInt(hi!) << 32n) | BigInt(lo!));
  });

  it('nextUint64Mod is random64() % m exactly, up to m = 2^53', () => {
    const g = new Generator().manualSeed(11);
    const h = new Generator().manualSeed(11);
    const moduli = [1, 2, 3, 10, 2 ** 31 - 1, 2 ** 32, 2 ** 32 + 15, 1e12 + 39, 2 ** 52 + 1, 2 ** 53 - 1, 2 ** 53];
    for (let rep = 0; rep < 50; rep++) {
      for (const m of moduli) expect(g.nextUint64Mod(m)).toBe(Number(h.nextUint64() % BigInt(m)));
    }
  });

  it('uniform floats take 24 bits of one draw (float32) or 53 bits of two (float64)', () => {
    const raw = NUMPY_RAW[0]!;
    const g = new Generator().manualSeed(0);
    expect(g.nextUniformFloat32()).toBe((raw[0]! & 0xffffff) / 2 ** 24);
    expect(g.nextUniformFloat64()).toBe(((raw[1]! & 0x1fffff) * 2 ** 32 + raw[2]!) / 2 ** 53);
  });

  it('randomInt64 is random64() % 2^63 and draws twice', () => {
    const g = new Generator().manualSeed(0);
    const v = randomInt64(g);
    const [hi, lo] = NUMPY_RAW[0]!;
    expect(v).toBe(((BigInt(hi!) << 32n) | BigInt(lo!)) % 2n ** 63n);
    // PyTorch: torch.manual_seed(0); torch.empty((), dtype=torch.int64).random_()
    expect(v).toBe(900450186894289455n);
    expect(g.drawn).toBe(2);
  });
});
