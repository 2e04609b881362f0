/**
 * Progress of a long run (verify or compile of many files) on stderr, one line redrawn in place
 * ("reading 37/100 …") and cleared at the end. Only when stderr is a terminal and the output
 * is not --json: piped, redirected and --json runs never see it.
 */

/** The line being shown, if any: other stderr lines clear it first, the next tick redraws it. */
let shown = false;

const write = (s: string): void => void process.stderr.write(s);

/** Erases the progress line (before another line is written to stderr). */
export function clearProgress(): void {
  if (!shown) return;
  write('\r\u001b[K');
  shown = false;
}

export interface Progress {
  /** shows `done` of the total (redrawn at most every `interval` ms; the first and the last always) */
  show(done: number): void;
  /** clears the line for good */
  end(): void;
}

const NONE: Progress = { show: () => undefined, end: () => undefined };

/**
 * A progress line, or one that shows nothing when `wanted` is false, stderr is not a terminal
 * or there is only one file. `label` makes the text from the count (it must hold no workbook text).
 */
export function progress(wanted: boolean, total: number, label: (done: number, total: number) => string, interval = 80): Progress {
  if (!wanted || process.stderr.isTTY !== true || total < 2) return NONE;
  let last = 0;
  return {
    show(done) {
      const now = Date.now();
      if (shown && done < total && now - last < interval) return;
      last = now;
      write(`\r${label(done, total)}\u001b[K`);
      shown = true;
    },
    end: clearProgress,
  };
}
