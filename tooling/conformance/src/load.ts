import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The directory holding the reference files: `$GD_CONFORMANCE_DIR`, else `../shared/conformance`. */
export function conformanceDir(): string {
  const fromEnv = process.env.GD_CONFORMANCE_DIR;
  if (fromEnv) return isAbsolute(fromEnv) ? fromEnv : resolve(process.cwd(), fromEnv);
  return resolve(repoRoot, '../shared/conformance');
}

export interface ReferenceFile<C> {
  about?: string;
  cases: C[];
  [key: string]: unknown;
}

/** Parses one reference file; a missing file is an error (a test must not pass on nothing). */
export function loadReference<C = Record<string, unknown>>(name: string): ReferenceFile<C> {
  const path = join(conformanceDir(), name);
  if (!existsSync(path)) {
    throw new Error(
      `conformance file ${path} not found: set GD_CONFORMANCE_DIR to the directory of PyTorch's reference files`,
    );
  }
  const parsed = JSON.parse(readFileSync(path, 'utf8')) as ReferenceFile<C>;
  if (!Array.isArray(parsed.cases)) throw new Error(`conformance file ${path} has no "cases" array`);
  return parsed;
}
