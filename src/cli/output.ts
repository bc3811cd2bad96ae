import type { Command } from 'commander';

/** An error the CLI reports in one line and exits 1 with. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}

/** Human-readable output by default, JSON with --json. */
export function print(value: unknown, program: Command): void {
  if (program.opts().json) {
    process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    return;
  }
  const rows = Array.isArray(value) ? value : [value];
  for (const row of rows) {
    if (row && typeof row === 'object') {
      const entries = Object.entries(row as Record<string, unknown>);
      const w = Math.max(...entries.map(([k]) => k.length));
      for (const [k, v] of entries) process.stdout.write(`${k.padEnd(w)}  ${typeof v === 'object' ? JSON.stringify(v) : String(v)}\n`);
      if (rows.length > 1) process.stdout.write('\n');
    } else process.stdout.write(`${String(row)}\n`);
  }
}
