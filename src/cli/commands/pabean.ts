import fs from 'node:fs';
import type { Command } from 'commander';
import { validateDocument } from '../../schemas/index.ts';
import type { StatusAnswer } from '../../client/index.ts';
import { CliError, print } from '../output.ts';
import { clientFromSession } from '../session-store.ts';

function readJson(file: string): Record<string, unknown> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(`cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch (err) {
    throw new CliError(`${file} is not valid JSON: ${(err as Error).message}`);
  }
}

/** Process codes that end a document's lifecycle: done (800) or rejected (115). */
const FINAL_CODES = new Set(['800', '115']);

interface TimelineRow {
  time: string;
  nomorAju: string;
  kind: 'status' | 'respon';
  code: string;
  text: string;
  nomor: string;
}

function rows(a: StatusAnswer): TimelineRow[] {
  const out: TimelineRow[] = [];
  for (const s of a.dataStatus ?? []) out.push({ time: s.waktuStatus, nomorAju: s.nomorAju, kind: 'status', code: String(s.kodeProses ?? s.kodeStatus ?? ''), text: s.keterangan, nomor: s.nomorDaftar ?? '' });
  for (const r of a.dataRespon ?? []) out.push({ time: r.waktuRespon ?? r.waktuStatus ?? '', nomorAju: r.nomorAju, kind: 'respon', code: r.kodeRespon, text: r.keterangan, nomor: r.nomorRespon ?? '' });
  return out.sort((x, y) => x.time.localeCompare(y.time));
}

function printRows(list: TimelineRow[], program: Command): void {
  if (program.opts().json) return print(list, program);
  for (const r of list) process.stdout.write(`${r.time.padEnd(23)}  ${r.nomorAju}  ${r.kind.padEnd(6)}  ${r.code.padEnd(4)}  ${r.text}${r.nomor ? `  (${r.nomor})` : ''}\n`);
}

/** `send`, `validate`, `status`: customs documents from the shell. */
export function registerPabeanCommands(program: Command): void {
  program
    .command('validate <file>')
    .description('validate a customs document offline against the official schemas (DJBC codes and JSON pointers); exit 1 when invalid')
    .option('--schema-version <version>', 'validate against this schema version only (e.g. 0.5.7.13)')
    .option('--strict-tuples', 'exact draft-07 meaning of one-element `items` arrays')
    .action((file: string, o) => {
      const doc = readJson(file);
      let r;
      try {
        r = validateDocument(doc, { version: o.schemaVersion, strictTupleItems: Boolean(o.strictTuples) });
      } catch (err) {
        throw new CliError((err as Error).message);
      }
      if (program.opts().json) print(r, program);
      else {
        process.stdout.write(`${r.valid ? 'valid' : 'INVALID'}: ${file} (${r.schemaVersion ?? 'no schema'}${r.tried.length > 1 ? `; tried ${r.tried.join(', ')}` : ''})\n`);
        for (const e of r.errors) process.stdout.write(`  ${String(e.code).padEnd(5)} ${e.field || '/'}  ${e.message} (${e.detail})\n`);
        for (const w of r.warnings) process.stdout.write(`  warn  ${w.field || '/'}  ${w.message} (accepted: documented leniency)\n`);
        if (r.truncated) process.stdout.write('  ... more errors not shown\n');
      }
      if (!r.valid) process.exitCode = 1;
    });

  program
    .command('send <file>')
    .description('send a customs document (Kirim Dokumen); a draft unless --final')
    .option('--final', 'send as final (isFinal=true): the lifecycle starts')
    .option('--revision', 'revise a final document (isRevision=true)')
    .option('--v2', 'use the /v2/openapi paths')
    .option('--lane <lane>', 'sandbox: force the lane (green|yellow|red)')
    .option('--outcome <outcome>', 'sandbox: force the outcome (e.g. reject)')
    .option('--billing <billing>', 'sandbox: force billing (none|required)')
    .action(async (file: string, o) => {
      const doc = readJson(file);
      const hints: Record<string, string> = {};
      for (const k of ['lane', 'outcome', 'billing'] as const) if (o[k]) hints[k] = o[k];
      const r = await clientFromSession({ pabeanPrefix: o.v2 ? '/v2/openapi' : '/openapi' }).pabean.send(doc, { isFinal: Boolean(o.final), isRevision: Boolean(o.revision), hints });
      print(r, program);
    });

  program
    .command('status [nomorAju...]')
    .description('the history of documents (up to 25), or with no nomorAju the statuses not yet pulled (--npwp); --watch polls until final')
    .option('--npwp <npwp>', 'pull the queue of this company (idPerusahaan)')
    .option('-w, --watch', 'poll until every document is final (done or rejected), printing new events')
    .option('--interval <seconds>', 'poll interval for --watch', '2')
    .option('--timeout <seconds>', 'give up --watch after this long (exit 1)', '600')
    .action(async (ajus: string[], o) => {
      const client = clientFromSession();
      if (!ajus.length) {
        if (!o.npwp) throw new CliError('give nomorAju values, or --npwp to pull the queue');
        return printRows(rows(await client.pabean.status(o.npwp)), program);
      }
      if (ajus.length > 25) throw new CliError('at most 25 nomorAju at once');
      if (!o.watch) return printRows(rows(await client.pabean.statusOf(ajus)), program);
      const seen = new Set<string>();
      const deadline = Date.now() + Number(o.timeout) * 1000;
      for (;;) {
        const a = await client.pabean.statusOf(ajus);
        const fresh = rows(a).filter((r) => {
          const k = `${r.nomorAju}|${r.kind}|${r.code}|${r.time}`;
          if (seen.has(k)) return false;
          seen.add(k);
          return true;
        });
        printRows(fresh, program);
        const done = ajus.every((aju) => (a.dataStatus ?? []).some((s) => s.nomorAju === aju && FINAL_CODES.has(String(s.kodeProses ?? ''))));
        if (done) return;
        if (Date.now() > deadline) throw new CliError(`not final after ${o.timeout}s`);
        await new Promise((r) => setTimeout(r, Number(o.interval) * 1000));
      }
    });

  program
    .command('pay <kodeBilling>')
    .description('sandbox: pay a billing of your company')
    .action(async (kode: string) => print(await clientFromSession().sandbox.payBilling(kode), program));

  const clock = program.command('clock').description("sandbox: your company's lifecycle clock (over the API)");
  clock.command('show').action(async () => print(await clientFromSession().clock.get(), program));
  clock.command('freeze').option('--at <iso>', 'freeze at this instant').action(async (o) => print(await clientFromSession().clock.freeze(o.at), program));
  clock
    .command('advance <duration>')
    .description('500ms, 90s, 15m, 2h, 3d')
    .action(async (by: string) => print(await clientFromSession().clock.advance(by), program));
  clock.command('resume').action(async () => print(await clientFromSession().clock.resume(), program));
  clock.command('reset').action(async () => print(await clientFromSession().clock.reset(), program));
}
