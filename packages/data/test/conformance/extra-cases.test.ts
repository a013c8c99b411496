/**
 * Cases in dataloader.json's format that the public file does not have, with PyTorch 1.13.1's
 * exception types and messages (from torch/utils/data/{dataloader,sampler,dataset}.py and
 * _utils/collate.py): they check that the case driver is general, as held-out files need.
 */
import { describe, it } from 'vitest';
import { type Case, runDataloaderCase } from './dataloader-cases.js';

const error = (id: string, expr: string, type: string, message: string): Case => ({ id, kind: 'error', expr, error: { type, message } });

const cases: Case[] = [
  error('no_batch_with_drop_last', 'DataLoader(TensorDataset(torch.zeros(4, 2)), batch_size=None, drop_last=True)', 'ValueError',
    'batch_size=None option disables auto-batching and is mutually exclusive with drop_last'),
  error('sampler_and_shuffle', 'DataLoader(TensorDataset(torch.zeros(4, 2)), sampler=SequentialSampler(range(4)), shuffle=True)', 'ValueError',
    'sampler option is mutually exclusive with shuffle'),
  error('batch_sampler_and_batch_size', 'DataLoader(TensorDataset(torch.zeros(4, 2)), batch_sampler=BatchSampler(SequentialSampler(range(4)), 2, False), batch_size=2)',
    'ValueError', 'batch_sampler option is mutually exclusive with batch_size, shuffle, sampler, and drop_last'),
  error('negative_workers', 'DataLoader(TensorDataset(torch.zeros(4, 2)), num_workers=-1)', 'ValueError',
    'num_workers option should be non-negative; use num_workers=0 to disable multiprocessing.'),
  error('negative_timeout', 'DataLoader(TensorDataset(torch.zeros(4, 2)), timeout=-1)', 'ValueError', 'timeout option should be non-negative'),
  error('size_mismatch', 'TensorDataset(torch.zeros(3), torch.zeros(4))', 'AssertionError', 'Size mismatch between tensors'),
  error('collate_none', 'default_collate([None, None])', 'TypeError',
    "default_collate: batch must contain tensors, numpy arrays, numbers, dicts or lists; found <class 'NoneType'>"),
  error('sampler_num_samples', 'RandomSampler(range(3), num_samples=0)', 'ValueError', 'num_samples should be a positive integer value, but got num_samples=0'),
  error('sampler_replacement', 'RandomSampler(range(3), replacement=1)', 'TypeError', 'replacement should be a boolean value, but got replacement=1'),
  error('batch_sampler_drop_last', 'BatchSampler(SequentialSampler(range(3)), 2, 1)', 'ValueError', 'drop_last should be a boolean value, but got drop_last=1'),
  error('concat_empty', 'ConcatDataset([])', 'AssertionError', 'datasets should not be an empty iterable'),
  error('fraction_out_of_range', 'random_split(range(10), [1.5, -0.5])', 'ValueError', 'Fraction at index 0 is not between 0 and 1'),
  {
    id: 'batching/n=5/batch_size=2/drop_last=True/int_tensor',
    kind: 'batching',
    expr: 'loader = DataLoader(TensorDataset(torch.arange(15).reshape(5, 3), torch.arange(5) * 2), batch_size=2, drop_last=True); len(loader); list(loader)',
    len_loader: 2,
    num_batches: 2,
    batch_shapes: [[[2, 3], [2]], [[2, 3], [2]]],
    batch_dtypes: ['int64', 'int64'],
    index_batches: [[0, 1], [2, 3]],
  },
  {
    id: 'subset/of_subset',
    kind: 'subset',
    expr: 'sub = Subset(Subset(TensorDataset(torch.arange(6) * 3), [5, 4, 3]), [2, 0]); len(sub); sub[i][0].item()',
    len: 2,
    items: { '0': 9, '1': 15, '-1': 15, '-2': 9 },
    errors: { '2': { type: 'IndexError', message: 'list index out of range' } },
    loader_expr: '[b[0].tolist() for b in DataLoader(sub, batch_size=5)]',
    loader_batches: [[9, 15]],
  },
  {
    id: 'collate/bool_and_str_tuples',
    kind: 'collate',
    expr: 'next(iter(DataLoader(ListDataset(samples), batch_size=len(samples))))',
    samples: [
      { type: 'tuple', items: [{ type: 'bool', value: true }, { type: 'str', value: 'a' }] },
      { type: 'tuple', items: [{ type: 'bool', value: false }, { type: 'str', value: 'b' }] },
    ],
    result: {
      type: 'list',
      items: [
        { type: 'Tensor', dtype: 'bool', shape: [2], data: [true, false] },
        { type: 'list', items: [{ type: 'str', value: 'a' }, { type: 'str', value: 'b' }] },
      ],
    },
  },
];

describe('extra cases in the dataloader.json format', () => {
  it.each(cases.map((c) => [c.id, c] as const))('%s', (_id, c) => {
    runDataloaderCase(c);
  });

  it('fails on a case kind it does not know', ({ expect }) => {
    expect(() => runDataloaderCase({ id: 'x', kind: 'mystery', expr: '1' })).toThrow('unknown case kind "mystery" in x');
  });
});
