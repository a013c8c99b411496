/**
 * The READMEs' examples run, and print what they say they print.
 *
 * Every ```ts block whose info string is `ts example` in README.md and packages/*\/README.md is
 * written to a module in examples/ (whose package.json depends on the gd packages, so the
 * example imports them by name, as a user would; vitest's `@gd/source` condition points the
 * names at the sources) and imported with console.log captured. Each `console.log(...)` line
 * states its output in `// → ` comments, on the same line or on the lines right below it:
 *
 *     console.log(a.sum().item()); // → 10
 *     console.log(a.toString());
 *     // → tensor([[1., 2.],
 *     // →         [3., 4.]])
 *
 * A log line without such a comment fails the test, so every printed claim in a README is checked.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { format } from 'node:util';
import { afterAll, describe, expect, it, vi } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'examples', '.readme-check');

interface Example {
  readme: string;
  line: number;
  code: string;
}

function readmes(): string[] {
  const packages = join(root, 'packages');
  const inPackages = readdirSync(packages)
    .map((name) => join(packages, name, 'README.md'))
    .filter((p) => existsSync(p));
  return [join(root, 'README.md'), ...inPackages];
}

/** The ```ts example blocks of one Markdown file, with the line each starts on. */
function extractExamples(readme: string, markdown: string): Example[] {
  const examples: Example[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (!/^```ts example\s*$/.test(lines[i]!)) continue;
    const start = i + 1;
    let end = start;
    while (end < lines.length && !lines[end]!.startsWith('```')) end++;
    examples.push({ readme, line: start + 1, code: lines.slice(start, end).join('\n') });
    i = end;
  }
  return examples;
}

/** For each `console.log(` line, in order, the output its `// → ` comments claim. */
function expectedOutputs(code: string): string[] {
  const lines = code.split('\n');
  const claims: string[] = [];
  const arrow = /^\s*\/\/ →(?: (.*))?$/;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (!line.includes('console.log(')) continue;
    const inline = /\/\/ → (.*)$/.exec(line);
    if (inline) {
      claims.push(inline[1]!);
      continue;
    }
    const below: string[] = [];
    while (i + 1 < lines.length && arrow.test(lines[i + 1]!)) below.push(arrow.exec(lines[++i]!)![1] ?? '');
    if (below.length === 0) throw new Error(`line ${i + 1}: console.log without a "// → " comment giving its output`);
    claims.push(below.join('\n'));
  }
  return claims;
}

/** The gd packages an example imports by name: examples/package.json must list each one. */
function importedPackages(code: string): string[] {
  return [...code.matchAll(/from '(@gd\/[a-z-]+)'/g)].map((m) => m[1]!);
}

const examplesDependencies = (
  JSON.parse(readFileSync(join(root, 'examples', 'package.json'), 'utf8')) as { dependencies: Record<string, string> }
).dependencies;

describe('README examples', () => {
  const examples = readmes().flatMap((path) => extractExamples(relative(root, path), readFileSync(path, 'utf8')));

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('the package READMEs have examples to run', () => {
    expect(examples.filter((e) => e.readme.startsWith('packages/')).length).toBeGreaterThan(0);
  });

  it.each(examples.map((e, i) => [`${e.readme}:${e.line}`, e, i] as const))('%s', async (_name, example, index) => {
    const claims = expectedOutputs(example.code);
    const missing = importedPackages(example.code).filter((name) => !(name in examplesDependencies));
    if (missing.length) {
      throw new Error(`add ${missing.map((m) => `"${m}": "workspace:*"`).join(', ')} to examples/package.json dependencies`);
    }
    mkdirSync(outDir, { recursive: true });
    const file = join(outDir, `example-${index}.ts`);
    writeFileSync(file, example.code);
    const printed: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      printed.push(format(...args));
    });
    try {
      await import(pathToFileURL(file).href);
    } finally {
      spy.mockRestore();
      rmSync(file, { force: true });
    }
    expect(printed).toEqual(claims);
  });
});

describe('the example checker itself', () => {
  it('reads inline and multi-line claims, in order', () => {
    const code = ['const a = 1;', 'console.log(a); // → 1', 'console.log("x\\ny");', '// → x', '// → y', '// not a claim'].join('\n');
    expect(expectedOutputs(code)).toEqual(['1', 'x\ny']);
  });

  it('rejects a console.log with no claim', () => {
    expect(() => expectedOutputs('console.log(1);\n// just a comment')).toThrow('line 1: console.log without');
  });

  it('finds only blocks marked `ts example`', () => {
    const md = ['```ts', 'skip();', '```', '```ts example', 'run();', '```'].join('\n');
    expect(extractExamples('R.md', md)).toEqual([{ readme: 'R.md', line: 5, code: 'run();' }]);
  });
});
