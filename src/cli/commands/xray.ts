import fs from 'node:fs';
import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import type { XrayData } from '../../client/index.ts';
import { CliError, print } from '../output.ts';
import { clientFromSession } from '../session-store.ts';

function dataOf(o: Record<string, string>): XrayData {
  const missing = ['aju', 'bl', 'tanggal', 'kantor'].filter((k) => !o[k]);
  if (missing.length) throw new CliError(`missing --${missing.join(', --')}`);
  return { nomorAju: o.aju!, nomorBlAwb: o.bl!, tanggalBlAwb: o.tanggal!, kodeKantor: o.kantor! };
}

/** A progress bar on stderr for uploads (only when stderr is a terminal and --json is off). */
function progress(program: Command) {
  if (program.opts().json || !process.stderr.isTTY) return { update: undefined, stop: () => {} };
  const bar = new cliProgress.SingleBar(
    { format: 'uploading [{bar}] {percentage}% | {sentMb}/{totalMb} MB', stream: process.stderr, hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update: (sent: number, total: number | undefined) => {
      const t = total ?? sent;
      if (!started) {
        bar.start(t, 0, { sentMb: '0.0', totalMb: (t / 1e6).toFixed(1) });
        started = true;
      }
      bar.update(sent, { sentMb: (sent / 1e6).toFixed(1), totalMb: (t / 1e6).toFixed(1) });
    },
    stop: () => started && bar.stop(),
  };
}

/** `ceisa40 xray send|add|get`: X-ray photos of a consignment. */
export function registerXrayCommands(program: Command): void {
  const xray = program.command('xray').description('X-ray photos of consignments (CN/PIBK)');
  for (const op of ['send', 'add'] as const) {
    xray
      .command(`${op} <images...>`)
      .description(op === 'send' ? 'first upload of the photos of a declaration (kirim-foto-xray)' : 'more photos for a declaration (add-foto-xray)')
      .requiredOption('--aju <nomorAju>', 'nomorAju of the consignment')
      .requiredOption('--bl <nomorBlAwb>', 'BL/AWB number')
      .requiredOption('--tanggal <yyyy-MM-dd>', 'BL/AWB date')
      .requiredOption('--kantor <kodeKantor>', 'customs office code')
      .action(async (images: string[], o) => {
        for (const f of images) if (!fs.existsSync(f)) throw new CliError(`no such file: ${f}`);
        const bar = progress(program);
        try {
          const client = clientFromSession();
          const r = await (op === 'send' ? client.xray.kirim : client.xray.add)(dataOf(o), images, bar.update);
          bar.stop();
          print(r, program);
          if (!r.success) process.exitCode = 1;
        } finally {
          bar.stop();
        }
      });
  }
  xray
    .command('get')
    .description('the photos of a declaration, by --aju or by --bl --tanggal --kantor')
    .option('--aju <nomorAju>')
    .option('--bl <nomorBlAwb>')
    .option('--tanggal <yyyy-MM-dd>')
    .option('--kantor <kodeKantor>')
    .action(async (o) => {
      const q = o.aju ? { nomorAju: o.aju as string } : { nomorBlAwb: o.bl, tanggalBlAwb: o.tanggal, kodeKantor: o.kantor };
      if (!o.aju && (!o.bl || !o.tanggal || !o.kantor)) throw new CliError('give --aju, or --bl with --tanggal and --kantor');
      const r = await clientFromSession().xray.get(q);
      print(r, program);
      if (!r.success) process.exitCode = 1;
    });
}
