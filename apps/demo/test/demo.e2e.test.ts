/**
 * End-to-end tests of the demo site in real headless Chromium (Debian's `chromium`, driven by
 * playwright-core), against the production build served by `vite preview` on 127.0.0.1:
 * the page loads with labelled controls and drawn charts; the tutorial runs in the worker and
 * shows PyTorch's numbers (tutorial.json, the numbers `gd tutorial` must print too); pause and
 * step work; a bad value is refused at its control; a changed control restarts the runs; a
 * diverging run is reported; the Iris panel trains; the phone layout does not overflow.
 * Screenshots go to test-results/demo/ (gitignored).
 *
 * Chromium must be installed (`sh scripts/ensure-chromium.sh`, run by `npm test`); without it
 * the tests fail with a message saying so, never skip.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareValues, tutorialTrainingCases } from '@gd/conformance';
import { runTutorialSync } from '@gd/train';
import { type BrowserContext, type Page, chromium } from 'playwright-core';
import { type PreviewServer, build, preview } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IRIS_DEFAULTS, type IrisEpoch } from '../src/engine/iris-config.js';
import { trainIris } from '../src/engine/iris-training.js';
import { formatValue } from '../src/ui/format.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const configFile = join(root, 'vite.config.ts');
const shots = resolve(root, '../../test-results/demo');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

const reference = tutorialTrainingCases();

let outDir = '';
let server: PreviewServer;
let context: BrowserContext;
let url = '';

beforeAll(async () => {
  if (!existsSync(chromiumPath)) {
    throw new Error(`Chromium not found at ${chromiumPath}: run "sh scripts/ensure-chromium.sh" (npm test does) or set CHROMIUM_PATH`);
  }
  // a build of our own, so a dev server or `turbo build` working on dist/ at the same time is left alone
  outDir = mkdtempSync(join(tmpdir(), 'gd-demo-dist-'));
  await build({ root, configFile, logLevel: 'warn', build: { outDir, emptyOutDir: true, sourcemap: false } });
  server = await preview({ root, configFile, logLevel: 'warn', build: { outDir }, preview: { host: '127.0.0.1', port: 0, strictPort: false } });
  url = server.resolvedUrls!.local[0]!;
  expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'gd-chromium-')), {
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: { width: 1400, height: 1000 },
  });
  mkdirSync(shots, { recursive: true });
});

afterAll(async () => {
  await context?.close();
  await new Promise<void>((done) => (server ? server.httpServer.close(() => done()) : done()));
  if (outDir !== '') rmSync(outDir, { recursive: true, force: true });
});

/** A fresh page at `query`, with page errors collected (a test fails on any). */
async function open(query = '?autoplay=0'): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(url + query);
  await page.waitForSelector('#results tbody tr');
  return { page, errors };
}

async function config(page: Page): Promise<Record<string, unknown>> {
  return JSON.parse((await page.getAttribute('body', 'data-config')) ?? '{}') as Record<string, unknown>;
}

/** Plays at full speed until every run has stopped. */
async function playToEnd(page: Page): Promise<void> {
  await page.selectOption('#speed', '0');
  await page.click('#play');
  await page.waitForSelector('body[data-state="finished"]', { timeout: 20_000 });
}

interface Row {
  batchSize: number;
  text: string[];
  loss: number;
  final: number;
  w: number;
  b: number;
  status: string;
}

async function rows(page: Page): Promise<Row[]> {
  return page.$$eval('#results tbody tr', (trs) =>
    trs.map((tr) => {
      const cell = (name: string): HTMLElement => tr.querySelector<HTMLElement>(`td.${name}`)!;
      return {
        batchSize: Number((tr as HTMLElement).dataset.batchSize),
        text: ['loss', 'final', 'w', 'b'].map((n) => cell(n).textContent ?? ''),
        loss: Number(cell('loss').dataset.value),
        final: Number(cell('final').dataset.value),
        w: Number(cell('w').dataset.value),
        b: Number(cell('b').dataset.value),
        status: cell('status').textContent ?? '',
      };
    }),
  );
}

let irisInNode: IrisEpoch | undefined;

/** Waits for the Iris panel's training and checks its last epoch equals the same training in Node. */
async function expectIrisAsNode(page: Page): Promise<void> {
  await page.waitForFunction(() => document.querySelector('#iris-status')?.textContent?.startsWith('Done: 40 epochs'), undefined, { timeout: 20_000 });
  if (irisInNode === undefined) for await (const e of trainIris(IRIS_DEFAULTS)) irisInNode = e;
  const last = JSON.parse((await page.getAttribute('#iris-status', 'data-last'))!) as IrisEpoch;
  expect(last).toEqual(irisInNode);
}

/** Commits a text control as a person does: select all, type, Enter. */
async function typeInto(page: Page, selector: string, text: string): Promise<void> {
  await page.click(selector);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

describe('the demo site in Chromium', () => {
  it('loads: labelled controls, drawn charts, the worker ready and paused at the start', async () => {
    const { page, errors } = await open();
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.startsWith('Ready'));
    // every control has an accessible name
    const unnamed = await page.$$eval('input, select, button', (els) =>
      els.filter((el) => {
        const id = el.id;
        const byFor = id !== '' && document.querySelector(`label[for="${id}"]`) !== null;
        const wrapped = el.closest('label') !== null;
        const text = el.tagName === 'BUTTON' && (el.textContent ?? '').trim() !== '';
        return !(byFor || wrapped || text || el.getAttribute('aria-label'));
      }).map((el) => el.outerHTML),
    );
    expect(unnamed).toEqual([]);
    // four tutorial charts and two Iris charts, each a uPlot canvas
    expect(await page.locator('.chart canvas').count()).toBe(6);
    expect(await page.inputValue('#batch-sizes')).toBe('1, 10, 20');
    expect(await config(page)).toMatchObject({ seed: 42, lr: 0.1, epochs: 20, batchSizes: [1, 10, 20], targets: 'clean' });
    expect(await page.textContent('#tutorial-command')).toBe('gd tutorial');
    const start = await rows(page);
    expect(start.map((r) => [r.batchSize, r.w, r.b])).toEqual([
      [1, -10, -20],
      [10, -10, -20],
      [20, -10, -20],
    ]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it.each(['clean', 'noisy'] as const)("runs the tutorial (%s targets) to PyTorch's final numbers", async (targets) => {
    const { page, errors } = await open();
    if (targets === 'noisy') {
      await page.check('input[name="targets"][value="noisy"]');
      await page.waitForFunction(() => document.body.dataset.config?.includes('"targets":"noisy"'));
    }
    await playToEnd(page);
    const shown = await rows(page);
    expect(shown.map((r) => r.batchSize)).toEqual([1, 10, 20]);
    // what the CLI computes: @gd/train's tutorial, run here in Node
    const node = runTutorialSync({ targets });
    shown.forEach((row, i) => {
      const ref = reference.find((c) => c.targets === targets && c.batch_size === row.batchSize)!;
      const expected = [ref.losses[ref.losses.length - 1]!, ref.w, ref.b];
      const r = compareValues([row.loss, row.w, row.b], expected, ref.tol);
      expect(r.ok, `${ref.id}: ${r.ok ? '' : r.message}`).toBe(true);
      const mine = node.runs[i]!;
      expect([row.loss, row.final, row.w, row.b]).toEqual([mine.losses[mine.losses.length - 1], mine.finalLoss, mine.w, mine.b]);
      // and what a visitor reads is those numbers, formatted
      expect(row.text).toEqual([expected[0]!, mine.finalLoss, expected[1]!, expected[2]!].map((v) => formatValue(v)));
      expect(row.status).toBe('done');
    });
    expect(await page.textContent('#status')).toMatch(/^Finished: 20 epochs of 100 samples\.$/);
    // the loss curve has all 20 epochs; the noise view has numbers
    expect(await page.locator('#noise-table tbody tr').count()).toBe(3);
    if (targets === 'clean') {
      // the Iris panel trained at load, while the tutorial played in the same worker: still Node's numbers
      await expectIrisAsNode(page);
      await page.screenshot({ path: join(shots, 'tutorial-desktop.png'), fullPage: true });
    }
    expect(errors).toEqual([]);
    await page.close();
  });

  it('pauses, and steps one batch at a time', async () => {
    const { page } = await open();
    // by keyboard: the controls are native buttons
    await page.focus('#step');
    await page.keyboard.press('Space');
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('sample 1 of 100'));
    let shown = await rows(page);
    // the SGD run took its first step (tutorial.json's epoch-0 trace: w = -5.0); the others wait for their batch
    expect(shown[0]!.w).toBe(-5);
    expect(shown[1]!.w).toBe(-10);
    for (let i = 0; i < 9; i++) await page.click('#step');
    await page.waitForFunction(() => document.querySelector('#status')?.textContent?.includes('sample 10 of 100'));
    shown = await rows(page);
    expect(shown[1]!.w).toBe(-7.414999961853027); // tutorial.json: batch 10, after its first step
    expect(shown[2]!.w).toBe(-10);
    // play slowly, pause, and the clock stands still
    await page.selectOption('#speed', '40');
    await page.focus('#play');
    await page.keyboard.press('Enter');
    await page.waitForSelector('body[data-state="playing"]');
    expect(await page.getAttribute('#play', 'aria-pressed')).toBe('true');
    expect(await page.textContent('#play')).toBe('Pause');
    await page.waitForTimeout(300);
    await page.click('#play');
    await page.waitForSelector('body[data-state="paused"]');
    const paused = await page.textContent('#status');
    expect(paused).toMatch(/^Paused: epoch 1 of 20, sample \d+ of 100\.$/);
    await page.waitForTimeout(300);
    expect(await page.textContent('#status')).toBe(paused);
    await page.close();
  });

  it('refuses an invalid value at the control, with a message, and keeps the runs', async () => {
    const { page } = await open();
    await typeInto(page, '#lr', '-0.5');
    expect(await page.textContent('#lr-error')).toBe('learning rate must be positive, got -0.5');
    expect(await page.getAttribute('#lr', 'aria-invalid')).toBe('true');
    await typeInto(page, '#batch-sizes', '1, 0');
    expect(await page.textContent('#batch-sizes-error')).toBe('batch size must be between 1 and 100, got 0');
    await typeInto(page, '#epochs', 'ten');
    expect(await page.textContent('#epochs-error')).toBe('epochs must be a number, got "ten"');
    expect(await config(page)).toMatchObject({ lr: 0.1, batchSizes: [1, 10, 20], epochs: 20 });
    // a valid value clears the message
    await typeInto(page, '#epochs', '5');
    expect(await page.textContent('#epochs-error')).toBe('');
    expect(await page.getAttribute('#epochs', 'aria-invalid')).toBe('false');
    await page.waitForFunction(() => document.body.dataset.config?.includes('"epochs":5'));
    await page.close();
  });

  it('restarts the runs when a control changes, and reports the runs that diverge', async () => {
    const { page, errors } = await open();
    await typeInto(page, '#batch-sizes', '1, 5, 50');
    await page.waitForFunction(() => document.querySelectorAll('#results tbody tr').length === 3 && document.body.dataset.config?.includes('[1,5,50]'));
    expect(await page.$$eval('#results tbody th .name-long', (spans) => spans.map((s) => s.textContent))).toEqual(['SGD (batch 1)', 'mini-batch 5', 'mini-batch 50']);
    await typeInto(page, '#lr', '0.5');
    await page.waitForFunction(() => document.body.dataset.config?.includes('"lr":0.5'));
    expect(await page.textContent('#tutorial-command')).toBe('gd tutorial --lr 0.5 --batch-sizes 1,5,50');
    await playToEnd(page);
    const shown = await rows(page);
    const diverged = shown.filter((r) => r.status.startsWith('diverged'));
    expect(diverged.length).toBeGreaterThan(0);
    const alerts = await page.$$eval('#alerts .alert', (ps) => ps.map((p) => p.textContent ?? ''));
    expect(alerts).toHaveLength(diverged.length);
    for (const a of alerts) expect(a).toMatch(/diverged: the loss became (NaN|-?Infinity) at epoch \d+, step \d+ of \d+\. That run stopped there; try a smaller learning rate\.$/);
    expect(await page.textContent('#status')).toMatch(/(Stopped: all 3 runs diverged|[12] of 3 runs diverged)\.$/);
    // the table says where each diverged run stopped
    for (const r of diverged) expect(r.status).toMatch(/^diverged at epoch \d+, step \d+$/);
    await page.screenshot({ path: join(shots, 'diverged.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('trains the Iris classifier with a DataLoader and shows loss and accuracy per epoch', async () => {
    const { page, errors } = await open();
    // the same training in Node gives the same numbers, to the last digit
    await expectIrisAsNode(page);
    const status = (await page.textContent('#iris-status'))!;
    const accuracy = Number(/Test accuracy ([\d.]+) %/.exec(status)?.[1]);
    expect(accuracy).toBeGreaterThanOrEqual(90);
    expect(await page.textContent('#iris-command')).toBe(
      'gd train --data iris --target species --model mlp:16 --optimizer adam --lr 0.01 --batch-size 16 --epochs 40 --seed 0 --shuffle --standardize --val-split 0.2',
    );
    // retrain with a bad batch size: refused at the control
    await typeInto(page, '#iris-batch', '0');
    await page.click('#iris-train');
    expect(await page.textContent('#iris-batch-error')).toBe('batch size must be between 1 and 120, got 0');
    expect(await page.textContent('#iris-status')).toBe('Fix the marked setting to train.');
    expect(errors).toEqual([]);
    await page.close();
  });

  it('fits a phone-sized screen without sideways scrolling', async () => {
    const page = await context.newPage();
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${url}?autoplay=0`);
    await page.waitForSelector('#results tbody tr');
    await playToEnd(page);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    // the runs' numbers fit too (no scrolling inside the table)
    const table = await page.$eval('#results', (t) => [t.parentElement!.scrollWidth, t.parentElement!.clientWidth]);
    expect(table[0]).toBeLessThanOrEqual(table[1]!);
    const chartWidth = await page.$eval('#loss-chart canvas', (c) => c.getBoundingClientRect().width);
    expect(chartWidth).toBeGreaterThan(250);
    expect(chartWidth).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(shots, 'tutorial-phone.png'), fullPage: true });
    await page.close();
  });
});
