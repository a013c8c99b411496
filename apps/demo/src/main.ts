/**
 * The page: starts the training worker, turns control events into worker commands and worker
 * messages into charts and text. Nothing is computed here but drawing (and the O(1) loss under
 * the cursor); redraws are batched to one per animation frame.
 *
 * URL parameters: `?autoplay=0` opens paused (also the default with reduced motion preferred).
 */
import './style.css';
import { DataChart } from './charts/data-chart.js';
import { runColor, runLabel } from './charts/frame.js';
import { LossChart } from './charts/loss-chart.js';
import { NoiseChart } from './charts/noise-chart.js';
import { SurfaceChart } from './charts/surface-chart.js';
import { TUTORIAL_DEFAULTS, type TutorialConfig, tutorialCommand } from './engine/config.js';
import { lineMoments } from './engine/line-stats.js';
import type { FromWorker, ToWorker } from './protocol.js';
import { TutorialControls } from './ui/controls.js';
import { byId } from './ui/field.js';
import { IrisPanel } from './ui/iris-panel.js';
import { NoiseView } from './ui/noise-view.js';
import { type RunState, RunsView } from './ui/runs-view.js';

const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
const send = (m: ToWorker): void => worker.postMessage(m);

const playButton = byId<HTMLButtonElement>('play');
const stepButton = byId<HTMLButtonElement>('step');
const speedSelect = byId<HTMLSelectElement>('speed');
const dataChart = new DataChart(byId('data-chart'));
const lossChart = new LossChart(byId('loss-chart'));
const surfaceChart = new SurfaceChart(byId('surface-chart'), byId('surface-readout'));
const noiseChart = new NoiseChart(byId('noise-chart'));
const runsView = new RunsView(byId('results').querySelector('tbody')!, byId('status'), byId('alerts'));
const noiseView = new NoiseView(byId('noise-table').querySelector('tbody')!, byId('noise-caption'), byId('noise-lesson'));
const iris = new IrisPanel(send);

let config: TutorialConfig = { ...TUTORIAL_DEFAULTS, batchSizes: [...TUTORIAL_DEFAULTS.batchSizes] };
let runs: RunState[] = [];
let n = 0;
let clock = 0;
let playing = false;
let finished = false;
/** Play again once the worker has rebuilt the runs (a setting changed while playing). */
let resume = false;
let frame = 0;

const reduceMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
const autoplay = new URLSearchParams(location.search).get('autoplay') !== '0' && !reduceMotion;
resume = autoplay;

const controls = new TutorialControls(config, (next) => {
  config = next;
  resume = playing;
  send({ type: 'configure', config });
});

const speed = (): number => Number(speedSelect.value);

playButton.addEventListener('click', () => {
  if (playing) send({ type: 'pause' });
  else if (!finished) send({ type: 'play', speed: speed() });
});
stepButton.addEventListener('click', () => send({ type: 'step' }));
byId('reset').addEventListener('click', () => {
  resume = false;
  send({ type: 'configure', config: controls.current });
});
speedSelect.addEventListener('change', () => send({ type: 'speed', speed: speed() }));

function statusText(): string {
  const epochs = config.epochs;
  const epoch = Math.min(epochs, Math.floor(clock / Math.max(n, 1)));
  const into = clock - epoch * n;
  const diverged = runs.filter((r) => r.status === 'diverged').length;
  const tail = diverged > 0 ? ` ${diverged} of ${runs.length} run${runs.length === 1 ? '' : 's'} diverged.` : '';
  if (finished && diverged === runs.length) return `Stopped: all ${runs.length} run${runs.length === 1 ? '' : 's'} diverged.`;
  if (finished) return `Finished: ${epochs} epoch${epochs === 1 ? '' : 's'} of ${n} samples.${tail}`;
  const where = `epoch ${epoch + 1} of ${epochs}, sample ${into} of ${n}`;
  return `${playing ? 'Training' : clock === 0 ? 'Ready, paused at the start' : 'Paused'}: ${where}.${tail}`;
}

function render(): void {
  frame = 0;
  dataChart.update(runs.map((r) => (r.status === 'diverged' ? [NaN, NaN] : [r.w, r.b])));
  lossChart.update(runs.map((r) => r.losses));
  surfaceChart.update(runs.map((r) => r.path));
  runsView.update(runs, n);
  runsView.status(statusText());
  playButton.textContent = playing ? 'Pause' : 'Play';
  playButton.setAttribute('aria-pressed', String(playing));
  playButton.disabled = finished;
  stepButton.disabled = finished;
  document.body.dataset.state = finished ? 'finished' : playing ? 'playing' : 'paused';
}

/** The settings as the `gd tutorial` command that prints the same numbers. */
function showCommand(c: TutorialConfig): void {
  byId('tutorial-command').textContent = tutorialCommand(c).command;
}

/** One checkbox per run under the loss surface: show or hide its path. */
function pathToggles(sizes: number[]): void {
  byId('path-toggles').replaceChildren(
    ...sizes.map((bs, i) => {
      const label = document.createElement('label');
      label.className = 'inline';
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.checked = true;
      box.addEventListener('change', () => surfaceChart.showPath(i, box.checked));
      const swatch = document.createElement('span');
      swatch.className = 'swatch';
      swatch.style.background = runColor(i);
      swatch.setAttribute('aria-hidden', 'true');
      label.append(box, swatch, runLabel(bs, n));
      return label;
    }),
  );
}

function schedule(): void {
  if (frame === 0) frame = requestAnimationFrame(render);
}

worker.onmessage = (event: MessageEvent<FromWorker>) => {
  const m = event.data;
  switch (m.type) {
    case 'ready': {
      n = m.n;
      clock = 0;
      finished = false;
      runs = m.runs.map((r) => ({
        ...r,
        losses: [],
        path: [m.config.w0, m.config.b0],
        w: m.config.w0,
        b: m.config.b0,
        finalLoss: NaN,
        epoch: 0,
        step: 0,
        status: 'running',
      }));
      const sizes = m.runs.map((r) => r.batchSize);
      dataChart.reset(m.data, sizes);
      lossChart.reset(sizes, m.config.epochs, n);
      surfaceChart.reset(m.surface, lineMoments(m.data.x, m.data.trainY));
      noiseChart.reset(sizes, n);
      pathToggles(sizes);
      runsView.reset(runs, n);
      document.body.dataset.config = JSON.stringify(m.config);
      showCommand(m.config);
      if (resume) send({ type: 'play', speed: speed() });
      resume = false;
      schedule();
      break;
    }
    case 'progress':
      clock = m.clock;
      finished = m.finished;
      for (const u of m.updates) {
        const r = runs[u.run];
        if (r === undefined) continue;
        for (const v of u.path) r.path.push(v);
        for (const { epoch, loss } of u.losses) r.losses[epoch] = loss;
        Object.assign(r, { w: u.w, b: u.b, finalLoss: u.finalLoss, epoch: u.epoch, step: u.step, status: u.status });
        if (u.divergence !== undefined) r.divergence = u.divergence;
      }
      schedule();
      break;
    case 'state':
      playing = m.playing;
      schedule();
      break;
    case 'noise':
      noiseChart.update(m.report);
      noiseView.update(m.report, config.shuffle);
      break;
    case 'iris-ready':
      if (iris.current(m.run)) iris.started();
      break;
    case 'iris-epoch':
      if (iris.current(m.run)) iris.epoch(m.epoch);
      break;
    case 'iris-done':
      if (iris.current(m.run)) iris.done(m.stopped);
      break;
    case 'iris-error':
      if (iris.current(m.run)) iris.failed(m.message);
      break;
    case 'error':
      runsView.error(`Something went wrong in the training worker: ${m.message}`);
      break;
  }
};

worker.onerror = (e) => runsView.error(`The training worker failed to start: ${e.message}`);

send({ type: 'configure', config });
// the Iris panel trains once at load (a fraction of a second) so its charts are not empty
iris.train();
