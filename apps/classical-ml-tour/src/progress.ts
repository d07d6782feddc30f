/**
 * A one-line terminal progress bar; on a non-interactive stream (CI logs) it prints one line per step
 * instead of redrawing.
 */
export class ProgressBar {
  private readonly started = performance.now();

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly width = 24,
  ) {}

  update(done: number, total: number, label: string): void {
    const filled = Math.round(Math.min(done / total, 1) * this.width);
    const elapsed = ((performance.now() - this.started) / 1000).toFixed(1);
    const line = `[${'#'.repeat(filled)}${'-'.repeat(this.width - filled)}] ${done}/${total} ${elapsed}s ${label}`;
    if (this.stream.isTTY) {
      this.stream.write(`\r\x1b[2K${line}`);
      if (done >= total) this.stream.write('\n');
    } else {
      this.stream.write(`${line}\n`);
    }
  }
}
