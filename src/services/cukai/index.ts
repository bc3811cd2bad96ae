import type { Command } from 'commander';
import type { Area } from '../area.ts';
import type { AppContext } from '../../context.ts';
import { CliError, print } from '../../cli/output.ts';
import { ApiError } from '../../http/errors.ts';
import { cancel, history, sweepOrphanDokumen } from './ck4.ts';
import { MasterRepo } from './master.ts';
import { produksiEndpoints } from './routes-produksi.ts';
import { referensiEndpoints } from './routes-referensi.ts';
import { seedCukaiDemo } from './seed.ts';
import type { BkcKind } from './common.ts';

async function companyIdOf(ctx: AppContext, npwpOrId: string): Promise<string> {
  const c = await ctx.accounts.findCompany(npwpOrId);
  if (!c) throw new CliError(`no company with NPWP or id ${npwpOrId}`);
  return c.id;
}

async function nppbkcIdOf(ctx: AppContext, companyId: string, numberOrId: string): Promise<string> {
  const m = new MasterRepo(ctx.db);
  const row = (await m.nppbkcByNumber(companyId, numberOrId)) ?? (await m.nppbkcById(companyId, numberOrId));
  if (!row) throw new CliError(`no NPPBKC ${numberOrId} for this company`);
  return row.id;
}

const num = (v: string | undefined): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new CliError(`not a number: ${v}`);
  return n;
};

function clean(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** `ceisa40 admin cukai ...`: a company's excise master data and its CK-4 reports. */
function registerAdmin(admin: Command, withCtx: <T>(fn: (ctx: AppContext) => Promise<T>) => Promise<T>, program: Command): void {
  const cukai = admin.command('cukai').description('excise (cukai) master data: offices, NPPBKC, kuasa, brands (merk), tarif; CK-4 history and cancellation');
  const run = <T>(fn: (ctx: AppContext) => Promise<T>) =>
    withCtx(async (ctx) => {
      try {
        return await fn(ctx);
      } catch (err) {
        if (err instanceof ApiError) throw new CliError(err.message);
        throw err;
      }
    });

  const kantor = cukai.command('kantor').description('customs and excise offices (KPPBC)');
  kantor
    .command('add')
    .description('add or rename an office')
    .requiredOption('--company <npwp>', 'the company NPWP (or id)')
    .requiredOption('--kode <kodeKantor>', '6 digits, e.g. 070600')
    .requiredOption('--nama <namaKantor>', 'e.g. "KPPBC TMC MALANG"')
    .action(async (o) =>
      print(
        await run(async (ctx) => {
          await new MasterRepo(ctx.db).upsertKantor(await companyIdOf(ctx, o.company), o.kode, o.nama);
          return { kodeKantor: o.kode, namaKantor: o.nama };
        }),
        program,
      ),
    );
  kantor
    .command('list')
    .requiredOption('--company <npwp>', 'the company NPWP (or id)')
    .action(async (o) => print(await run(async (ctx) => new MasterRepo(ctx.db).listKantor(await companyIdOf(ctx, o.company))), program));

  const nppbkc = cukai.command('nppbkc').description('NPPBKC registrations of a company');
  nppbkc
    .command('add')
    .description('register an NPPBKC (22 digits) for a company')
    .requiredOption('--company <npwp>', 'the company NPWP (or id)')
    .requiredOption('--nppbkc <nppbkc>', '22 digits')
    .requiredOption('--npwp <npwp>', 'NPWP of the excise entrepreneur, 15 or 16 digits')
    .requiredOption('--nama <namaPerusahaan>', 'company name as registered')
    .requiredOption('--kantor <kodeKantor>', 'supervising office, 6 digits')
    .requiredOption('--jenis-bkc <kode>', '1 EA, 2 MMEA, 3 HT')
    .option('--nama-kantor <namaKantor>', 'office name (adds the office when new)')
    .option('--id <uuid>', 'idNppbkc (random by default)')
    .option('--pemilik <name>')
    .option('--alamat <alamatPerusahaan>')
    .option('--kota <kota>')
    .action(async (o) =>
      print(
        await run(async (ctx) => {
          const cid = await companyIdOf(ctx, o.company);
          const m = new MasterRepo(ctx.db);
          const row = await m.createNppbkc(cid, {
            id: o.id,
            nppbkc: o.nppbkc,
            npwp: o.npwp,
            namaPerusahaan: o.nama,
            kodeKantor: o.kantor,
            namaKantor: o.namaKantor,
            kodeJenisBkc: o.jenisBkc,
            attrs: clean({ pemilik: o.pemilik, alamatPerusahaan: o.alamat, kota: o.kota }),
          });
          return m.renderNppbkc(row);
        }),
        program,
      ),
    );
  nppbkc
    .command('list')
    .requiredOption('--company <npwp>', 'the company NPWP (or id)')
    .action(async (o) =>
      print(
        await run(async (ctx) => {
          const rows = await new MasterRepo(ctx.db).listNppbkc(await companyIdOf(ctx, o.company));
          return rows.map((r) => ({ idNppbkc: r.id, nppbkc: r.nppbkc, npwp: r.npwp, namaPerusahaan: r.nama_perusahaan, kodeKantor: r.kode_kantor, kodeJenisBkc: r.kode_jenis_bkc }));
        }),
        program,
      ),
    );

  cukai
    .command('kuasa')
    .description('proxies of an NPPBKC')
    .command('add')
    .requiredOption('--company <npwp>', 'the company NPWP (or id)')
    .requiredOption('--nppbkc <nppbkc>', 'the NPPBKC number (or idNppbkc)')
    .requiredOption('--nama <penerimaKuasa>')
    .requiredOption('--identitas <nomor>')
    .action(async (o) =>
      print(
        await run(async (ctx) => {
          const cid = await companyIdOf(ctx, o.company);
          const id = await new MasterRepo(ctx.db).addKuasa(cid, await nppbkcIdOf(ctx, cid, o.nppbkc), { penerimaKuasa: o.nama, identitas: o.identitas });
          return { idKuasa: id, penerimaKuasa: o.nama, identitas: o.identitas };
        }),
        program,
      ),
    );

  const merk = cukai.command('merk').description('brands (merk HT, MMEA, EA) of an NPPBKC');
  merk
    .command('add')
    .description('add a brand; with --tarif (or --awal-berlaku) also its tarif decision')
    .requiredOption('--company <npwp>', 'the company NPWP (or id)')
    .requiredOption('--nppbkc <nppbkc>', 'the NPPBKC number (or idNppbkc)')
    .requiredOption('--jenis <HT|MMEA|EA>')
    .requiredOption('--nama <namaMerk>')
    .option('--id <uuid>', 'idMerk (random by default)')
    .option('--jenis-produksi <name>', 'e.g. SKM, "SKT - III", "MMEA GOLONGAN A", EA')
    .option('--id-jenis-produksi <n>', 'idJenisProduksiBkc, e.g. 12 (SKM), 13 (MMEA A), 18 (EA)')
    .option('--hje <n>')
    .option('--tarif <n>', 'tarif (HT) or tarif spesifik (MMEA, EA)')
    .option('--isi <n>', 'isi per kemasan')
    .option('--kadar <n>')
    .option('--kemasan <bahan>')
    .option('--satuan <kode>', 'btg, gr, ml, ltr')
    .option('--seri-pita <seri>')
    .option('--awal-berlaku <YYYY-MM-DD>')
    .option('--nomor-skep <nomor>')
    .action(async (o) =>
      print(
        await run(async (ctx) => {
          const cid = await companyIdOf(ctx, o.company);
          const m = new MasterRepo(ctx.db);
          const kind = String(o.jenis).toUpperCase() as BkcKind;
          const attrs = clean({
            jenisProduksi: o.jenisProduksi ?? (kind === 'EA' ? 'EA' : undefined),
            idJenisProduksiBkc: num(o.idJenisProduksi),
            hje: num(o.hje),
            tarif: num(o.tarif),
            isi: num(o.isi),
            kadar: num(o.kadar),
            bahanKemasan: o.kemasan,
            kemasan: o.kemasan,
            satuan: o.satuan,
            seriPita: o.seriPita,
            statusMerk: 'AKTIF',
          });
          const row = await m.createMerk(cid, { id: o.id, nppbkcId: await nppbkcIdOf(ctx, cid, o.nppbkc), jenisBkc: kind, namaMerk: o.nama, attrs });
          let idTarifMerkHeader: string | undefined;
          if (o.tarif !== undefined || o.awalBerlaku !== undefined) {
            const tarifAttrs = clean({
              nomorSkep: o.nomorSkep,
              hje: num(o.hje),
              isi: num(o.isi),
              ...(kind === 'HT' ? { tarif: num(o.tarif) } : { tarifSpesifik: num(o.tarif) }),
              status: 'Selesai',
              statusMerk: 'AKTIF',
            });
            idTarifMerkHeader = (await m.createTarif(cid, { merkId: row.id, awalBerlaku: o.awalBerlaku ?? null, attrs: tarifAttrs })).id;
          }
          return { idMerk: row.id, namaMerk: row.nama_merk, jenisBkc: row.jenis_bkc, nppbkcId: row.nppbkc_id, attrs, ...(idTarifMerkHeader ? { idTarifMerkHeader } : {}) };
        }),
        program,
      ),
    );
  merk
    .command('list')
    .requiredOption('--company <npwp>', 'the company NPWP (or id)')
    .option('--nppbkc <nppbkc>', 'only this NPPBKC (number or id)')
    .action(async (o) =>
      print(
        await run(async (ctx) => {
          const cid = await companyIdOf(ctx, o.company);
          const rows = await new MasterRepo(ctx.db).listMerk(cid, o.nppbkc ? await nppbkcIdOf(ctx, cid, o.nppbkc) : undefined);
          return rows.map((r) => ({ idMerk: r.id, namaMerk: r.nama_merk, jenisBkc: r.jenis_bkc, idNppbkc: r.nppbkc_id, attrs: JSON.parse(r.attrs) as unknown }));
        }),
        program,
      ),
    );

  const ck4 = cukai.command('ck4').description('CK-4 production reports');
  ck4
    .command('history <idCk4>')
    .description('every version of a CK-4 (as recorded, corrections, cancellation)')
    .requiredOption('--company <npwp>', 'the company NPWP (or id)')
    .action(async (id, o) =>
      print(
        await run(async (ctx) => {
          const h = await history(ctx, await companyIdOf(ctx, o.company), id);
          if (!h) throw new CliError(`no CK-4 ${id} for this company`);
          return h;
        }),
        program,
      ),
    );
  ck4
    .command('cancel <idCk4>')
    .description('cancel a CK-4 (status Batal); it stays readable, corrections are refused')
    .requiredOption('--company <npwp>', 'the company NPWP (or id)')
    .option('--nomor <nomorPembatalan>', 'cancellation number', 'PEMBATALAN')
    .action(async (id, o) => print(await run(async (ctx) => cancel(ctx, await companyIdOf(ctx, o.company), id, o.nomor)), program));
}

/** API Service Cukai: Produksi (CK-4, brands, tarif) and Referensi Cukai. */
export const cukaiArea: Area = {
  name: 'cukai',
  endpoints: [...produksiEndpoints, ...referensiEndpoints],
  seedDemo: seedCukaiDemo,
  registerAdmin,
  async onStart(ctx) {
    const removed = await sweepOrphanDokumen(ctx, (ctx.config.upload.orphanGraceSec ?? 3600) * 1000);
    if (removed) ctx.log.warn({ removed }, 'removed CK-4 dokumen blobs left by interrupted requests');
  },
};
