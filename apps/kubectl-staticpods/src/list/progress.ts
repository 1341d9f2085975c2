import { io } from '../io.js';

/** How long a run may take before it shows progress on a terminal. */
const DELAY_MS = 1000;

/**
 * A one-line progress note on stderr (`listing pods: 1500 scanned…`), shown only on a terminal
 * and only once the run takes longer than a second; `done` erases it.
 */
export function progressLine(label: string): { update(text: string): void; done(): void } {
  const stderr = io().stderr;
  const started = Date.now();
  let shown = false;
  return {
    update(text) {
      if (!stderr.isTTY || Date.now() - started < DELAY_MS) return;
      shown = true;
      stderr.write(`\r\x1b[K${label}: ${text}…`);
    },
    done() {
      if (shown) stderr.write('\r\x1b[K');
      shown = false;
    },
  };
}
