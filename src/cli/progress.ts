import path from 'node:path';

/**
 * A batch's progress: on a terminal one live line (done/total, the issue just finished, elapsed,
 * rate) redrawn in place, other output printed above it; off a terminal plain lines only. Then
 * a summary table: built, skipped, failed (with the first error).
 */
export class Progress {
  private done = 0;
  private built = 0;
  private skipped = 0;
  private failed = 0;
  private firstError = '';
  private current = '';
  private readonly start = Date.now();
  private drawn = false;

  constructor(
    private readonly total: number,
    private readonly out: { write(text: string): unknown; isTTY?: boolean },
  ) {}

  get live(): boolean {
    return this.out.isTTY === true;
  }

  /** Prints a line (above the live line on a terminal). */
  line(text: string): void {
    this.clear();
    this.out.write(`${text}\n`);
    this.draw();
  }

  issue(dir: string, outcome: 'built' | 'skipped' | 'failed', error?: string): void {
    this.done += 1;
    this.current = path.basename(dir);
    this[outcome] += 1;
    if (outcome === 'failed' && !this.firstError) this.firstError = error ?? '';
    if (!this.live && outcome === 'skipped') this.out.write(`${this.current}: unchanged, skipped\n`);
    this.draw();
  }

  /** Clears the live line before other output (diagnostics on stderr); the next line redraws it. */
  clearLine(): void {
    this.clear();
  }

  private clear(): void {
    if (this.live && this.drawn) this.out.write('\r\x1b[2K');
    this.drawn = false;
  }

  private draw(): void {
    if (!this.live) return;
    const s = (Date.now() - this.start) / 1000;
    const rate = s > 0 ? (this.done / s).toFixed(1) : '—';
    this.out.write(
      `\r\x1b[2K[${this.done}/${this.total}] ${this.current}  ${s.toFixed(1)} s  ${rate} issues/s`,
    );
    this.drawn = true;
  }

  /** The summary table; call once at the end. */
  finish(): void {
    this.clear();
    const s = ((Date.now() - this.start) / 1000).toFixed(1);
    const rows: [string, number, string][] = [
      ['built', this.built, ''],
      ['skipped', this.skipped, this.skipped ? 'inputs unchanged (--force rebuilds)' : ''],
      ['failed', this.failed, this.firstError ? `first: ${this.firstError.split('\n')[0] ?? ''}` : ''],
    ];
    this.out.write(`${this.total} issues in ${s} s\n`);
    for (const [what, n, note] of rows)
      this.out.write(`  ${what.padEnd(8)}${String(n).padStart(5)}${note ? `  ${note}` : ''}\n`);
  }
}
