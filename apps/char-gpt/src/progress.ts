/**
 * A one-line terminal progress bar. On a non-interactive stream (CI logs) it prints a line every
 * `every` steps instead of redrawing.
 */
export class ProgressBar {
  private readonly started = Date.now();

  constructor(
    private readonly total: number,
    private readonly stream: NodeJS.WriteStream = process.stdout,
    private readonly width = 30,
    private readonly every = Math.max(1, Math.floor(total / 10)),
  ) {}

  update(done: number, message: string): void {
    const fraction = Math.min(done / this.total, 1);
    const filled = Math.round(fraction * this.width);
    const elapsed = (Date.now() - this.started) / 1000;
    const eta = done > 0 ? (elapsed / done) * (this.total - done) : 0;
    const line = `[${'#'.repeat(filled)}${'-'.repeat(this.width - filled)}] ${done}/${this.total} ${message} (${elapsed.toFixed(1)}s, eta ${eta.toFixed(1)}s)`;
    if (this.stream.isTTY) {
      this.stream.write(`\r${line}`);
      if (done >= this.total) this.stream.write('\n');
    } else if (done % this.every === 0 || done >= this.total) {
      this.stream.write(`${line}\n`);
    }
  }
}
