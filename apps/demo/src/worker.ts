/**
 * The training worker: every number the page shows is computed here, off the main thread, so
 * the page never stalls while runs train. It only routes messages to the two sessions.
 */
import type { FromWorker, ToWorker } from './protocol.js';
import { IrisSession } from './worker/iris-session.js';
import { Serial } from './worker/serial.js';
import { TutorialSession } from './worker/tutorial-session.js';

const scope = self as unknown as {
  postMessage(message: FromWorker): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
};
const post = (message: FromWorker): void => scope.postMessage(message);
// one queue for both: their training steps never interleave (see serial.ts)
const serial = new Serial();
const tutorial = new TutorialSession(post, undefined, serial);
const iris = new IrisSession(post, undefined, serial);

function handle(message: ToWorker): void {
  switch (message.type) {
    case 'configure':
      return void tutorial.configure(message.config);
    case 'play':
      return tutorial.play(message.speed);
    case 'pause':
      return tutorial.pause();
    case 'step':
      return void tutorial.step();
    case 'speed':
      return tutorial.setSpeed(message.speed);
    case 'iris-train':
      return iris.start(message.run, message.config);
    case 'iris-stop':
      return iris.stop();
  }
}

scope.onmessage = (event) => {
  try {
    handle(event.data);
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
