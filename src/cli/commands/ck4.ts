import fs from 'node:fs';
import type { Command } from 'commander';
import { CliError, print } from '../output.ts';
import { clientFromSession } from '../session-store.ts';

const KINDS = ['ht', 'mmea', 'ea'] as const;
type Kind = (typeof KINDS)[number];

function kindOf(v: string): Kind {
  const k = v.toLowerCase();
  if (!(KINDS as readonly string[]).includes(k)) throw new CliError(`kind must be one of ${KINDS.join(', ')} (got "${v}")`);
  return k as Kind;
}

function readJson(file: string): Record<string, unknown> {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
  } catch (err) {
    throw new CliError(`cannot read ${file} as JSON: ${(err as Error).message}`);
  }
}

/** `ceisa40 ck4 ...`: excise production reports (CK-4) from the shell. */
export function registerCk4Commands(program: Command): void {
  const ck4 = program.command('ck4').description('excise production reports (CK-4): rekam, perbaikan, detail, browse');
  ck4
    .command('rekam <kind> <file>')
    .description('record a CK-4 (kind ht|mmea|ea) from a JSON file (the Rekam body of the docs)')
    .action(async (kind: string, file: string) => print(await clientFromSession().ck4.rekam(kindOf(kind), readJson(file)), program));
  ck4
    .command('perbaikan <kind> <file>')
    .description('correct a CK-4: the JSON file ({..., details:[...]}) is sent as the documented form (details[i].field parts)')
    .option('--dokumen <path>', 'the supporting document file (HT)')
    .action(async (kind: string, file: string, o) => {
      const k = kindOf(kind);
      if (o.dokumen && !fs.existsSync(o.dokumen)) throw new CliError(`no such file: ${o.dokumen}`);
      print(await clientFromSession().ck4.perbaikan(k, readJson(file), o.dokumen), program);
    });
  ck4
    .command('detail <kind> <idCk4>')
    .description('the current version of a CK-4')
    .action(async (kind: string, id: string) => print(await clientFromSession().ck4.detail(kindOf(kind), id), program));
  ck4
    .command('browse')
    .description('browse CK-4 reports of an NPPBKC')
    .requiredOption('--nppbkc <nppbkc>')
    .requiredOption('--jenis-bkc <id>', 'idJenisBkc (e.g. 3 = HT)')
    .option('--jenis-laporan <jenis>', 'jenisLaporan', 'bulan')
    .option('--page <n>', 'page', '1')
    .action(async (o) =>
      print(await clientFromSession().ck4.browse({ nppbkc: o.nppbkc, idJenisBkc: o.jenisBkc, jenisLaporan: o.jenisLaporan, page: Number(o.page) }), program),
    );
}
