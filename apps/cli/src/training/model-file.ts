/**
 * Saved models (`--save MODEL`, read by `gd predict`): the model's spec and tensors plus what is
 * needed to prepare new data the same way (feature names, standardisation, classes), as JSON.
 */
import { existsSync, readFileSync } from 'node:fs';
import { type EncodedStateDict, type Scaling, type Task, decodeStateDict, encodeStateDict } from '@gd/train';
import { UsageError } from '../errors.js';
import { writeFileAtomic } from '../output/atomic-write.js';
import { toJson } from '../output/format.js';
import type { TrainingRun } from './setup.js';

export const MODEL_FORMAT = 'gd-model';

export interface ModelFile {
  format: typeof MODEL_FORMAT;
  version: 1;
  model: string;
  inFeatures: number;
  outFeatures: number;
  task: Task;
  featureNames: string[];
  targetName: string;
  classes: string[] | null;
  scaling: Scaling | null;
  /** Trained on (data, epochs...), for the record. */
  trainedOn: { data: string; rows: number; epochs: number };
  state: EncodedStateDict;
}

/** Writes the trained model of `run` to `path` (atomically). */
export function saveModel(path: string, run: TrainingRun, epochs: number): void {
  const file: ModelFile = {
    format: MODEL_FORMAT,
    version: 1,
    model: run.config.model,
    inFeatures: run.tab.x.shape[1]!,
    outFeatures: run.tab.outFeatures,
    task: run.tab.task,
    featureNames: run.tab.featureNames,
    targetName: run.tab.targetName,
    classes: run.tab.classes,
    scaling: run.tab.scaling,
    trainedOn: { data: run.config.data, rows: run.train.x.shape[0]!, epochs },
    state: encodeStateDict(run.model.stateDict()),
  };
  writeFileAtomic(path, toJson(file) + '\n');
}

/** Reads a model file, checking that it is one. */
export function readModel(path: string): ModelFile {
  if (!existsSync(path)) throw new UsageError(`${path}: no such model file`);
  let file: ModelFile;
  try {
    file = JSON.parse(readFileSync(path, 'utf8')) as ModelFile;
  } catch (e) {
    throw new UsageError(`${path}: not a gd model (invalid JSON: ${(e as Error).message})`);
  }
  if (file?.format !== MODEL_FORMAT) throw new UsageError(`${path}: not a gd model file (write one with gd train --save)`);
  return file;
}

/** The tensors of a model file, for `loadStateDict`. */
export function modelState(file: ModelFile, path: string): ReturnType<typeof decodeStateDict> {
  try {
    return decodeStateDict(file.state, path);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}
