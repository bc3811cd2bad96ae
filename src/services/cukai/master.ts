import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Db } from '../../store/db.ts';
import { isUniqueViolation } from '../../store/db.ts';
import type { DB } from '../../store/schema.ts';
import type { CukaiMerkRow, CukaiNppbkcRow, CukaiTarifMerkRow } from '../../store/migrations/0010_cukai.ts';
import { DomainConflict, DomainInvalid } from '../../auth/repo.ts';
import { iso } from '../../store/time.ts';
import { parseJson, type BkcKind } from './common.ts';

/**
 * Excise master data of a company: offices, NPPBKC registrations, their kuasa (proxies), brands
 * (merk HT/MMEA/EA) and the brands' tarif decisions. Every read is scoped to a company.
 */

type Q = Kysely<DB>;

export interface NppbkcInput {
  id?: string;
  nppbkc: string;
  npwp: string;
  namaPerusahaan: string;
  kodeKantor: string;
  namaKantor?: string;
  kodeJenisBkc: string;
  /** the NPPBKC record's other fields (pemilik, alamatPemilik, kota, blokir, ...) */
  attrs?: Record<string, unknown>;
}

export interface MerkInput {
  id?: string;
  nppbkcId: string;
  jenisBkc: BkcKind;
  namaMerk: string;
  /** jenisProduksi, idJenisProduksiBkc, golongan, kadar, isi, kemasan, hje, tarif, satuan, seriPita, statusMerk */
  attrs?: Record<string, unknown>;
  /** ISO instant (lists are ordered by it); now by default */
  createdAt?: string;
}

export interface TarifInput {
  id?: string;
  merkId: string;
  awalBerlaku?: string | null;
  akhirBerlaku?: string | null;
  attrs?: Record<string, unknown>;
  /** ISO instant (browse lists newest first by it); now by default */
  createdAt?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Fields of the NPPBKC record (Get NPPBKC / Browse NPPBKC) and their value when not registered. */
export const NPPBKC_FIELDS: Record<string, unknown> = {
  pemilik: '',
  alamatPemilik: '',
  kota: '',
  tanggalNppbkc: null,
  kuasa: '',
  telepon: '',
  fax: '',
  caraBayar: 'T',
  ambilPita: 'KC',
  blokir: 'N',
  flagPpn: 'N',
  nomorCabut: '',
  tanggalCabut: null,
  kodeJenisUsaha: '1',
  waktuUpdate: null,
  nipUpdate: '',
  waktuRekam: null,
  nipRekam: '',
  idPabrik: '',
  nomorKep: '',
  nppbkc28: '',
  nppbkc10: '',
  flagRegis: '',
  transaksiTerakhir: null,
  alamatPerusahaan: '',
  akhirBerlaku: null,
  kodePerson: '',
};

export class MasterRepo {
  constructor(private readonly db: Db) {}

  // ----------------------------------------------------------------------------- offices
  async upsertKantor(companyId: string, kodeKantor: string, namaKantor: string, q: Q = this.db): Promise<void> {
    if (!/^\d{6}$/.test(kodeKantor)) throw new DomainInvalid('kodeKantor', 'kodeKantor must be 6 digits');
    if (!namaKantor.trim()) throw new DomainInvalid('namaKantor', 'namaKantor must not be empty');
    const hit = await q.selectFrom('cukai_kantor').select('kode_kantor').where('company_id', '=', companyId).where('kode_kantor', '=', kodeKantor).executeTakeFirst();
    if (hit) await q.updateTable('cukai_kantor').set({ nama_kantor: namaKantor.trim() }).where('company_id', '=', companyId).where('kode_kantor', '=', kodeKantor).execute();
    else await q.insertInto('cukai_kantor').values({ company_id: companyId, kode_kantor: kodeKantor, nama_kantor: namaKantor.trim() }).execute();
  }

  async namaKantor(companyId: string, kodeKantor: string, q: Q = this.db): Promise<string | null> {
    const r = await q.selectFrom('cukai_kantor').select('nama_kantor').where('company_id', '=', companyId).where('kode_kantor', '=', kodeKantor).executeTakeFirst();
    return r?.nama_kantor ?? null;
  }

  async listKantor(companyId: string): Promise<{ kodeKantor: string; namaKantor: string }[]> {
    const rows = await this.db.selectFrom('cukai_kantor').selectAll().where('company_id', '=', companyId).orderBy('kode_kantor').execute();
    return rows.map((r) => ({ kodeKantor: r.kode_kantor, namaKantor: r.nama_kantor }));
  }

  // ----------------------------------------------------------------------------- NPPBKC
  async createNppbkc(companyId: string, input: NppbkcInput, q: Q = this.db): Promise<CukaiNppbkcRow> {
    const id = (input.id ?? randomUUID()).toLowerCase();
    if (!UUID.test(id)) throw new DomainInvalid('id', 'id must be a UUID');
    if (!/^\d{22}$/.test(input.nppbkc)) throw new DomainInvalid('nppbkc', 'nppbkc must be 22 digits');
    if (!/^\d{15,16}$/.test(input.npwp)) throw new DomainInvalid('npwp', 'npwp must be 15 or 16 digits');
    if (!input.namaPerusahaan.trim()) throw new DomainInvalid('namaPerusahaan', 'namaPerusahaan must not be empty');
    if (!['1', '2', '3'].includes(input.kodeJenisBkc)) throw new DomainInvalid('kodeJenisBkc', 'kodeJenisBkc must be 1 (EA), 2 (MMEA) or 3 (HT)');
    if (input.namaKantor) await this.upsertKantor(companyId, input.kodeKantor, input.namaKantor, q);
    else if (!(await this.namaKantor(companyId, input.kodeKantor, q))) throw new DomainInvalid('kodeKantor', `no office ${input.kodeKantor} for this company: give namaKantor too`);
    const row: CukaiNppbkcRow = {
      id,
      company_id: companyId,
      nppbkc: input.nppbkc,
      npwp: input.npwp,
      nama_perusahaan: input.namaPerusahaan.trim(),
      kode_kantor: input.kodeKantor,
      kode_jenis_bkc: input.kodeJenisBkc,
      attrs: JSON.stringify(input.attrs ?? {}),
      created_at: iso(Date.now()),
    };
    try {
      await q.insertInto('cukai_nppbkc').values(row).execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainConflict(`an NPPBKC with id ${id} or number ${input.nppbkc} already exists`);
      throw err;
    }
    return row;
  }

  async nppbkcById(companyId: string, id: string, q: Q = this.db): Promise<CukaiNppbkcRow | undefined> {
    if (!UUID.test(id)) return undefined;
    return q.selectFrom('cukai_nppbkc').selectAll().where('company_id', '=', companyId).where('id', '=', id.toLowerCase()).executeTakeFirst();
  }

  async nppbkcByNumber(companyId: string, nppbkc: string, q: Q = this.db): Promise<CukaiNppbkcRow | undefined> {
    return q.selectFrom('cukai_nppbkc').selectAll().where('company_id', '=', companyId).where('nppbkc', '=', nppbkc).executeTakeFirst();
  }

  /** NPPBKC registrations whose number starts with `prefix` (all when empty), by number. */
  async browseNppbkc(companyId: string, prefix: string, offset: number, limit: number): Promise<{ rows: CukaiNppbkcRow[]; total: number }> {
    let base = this.db.selectFrom('cukai_nppbkc').where('company_id', '=', companyId);
    if (prefix) base = base.where('nppbkc', 'like', `${prefix}%`);
    const total = Number((await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await base.selectAll().orderBy('nppbkc').orderBy('id').offset(offset).limit(limit).execute();
    return { rows, total };
  }

  async listNppbkc(companyId: string): Promise<CukaiNppbkcRow[]> {
    return this.db.selectFrom('cukai_nppbkc').selectAll().where('company_id', '=', companyId).orderBy('nppbkc').execute();
  }

  /** The NPPBKC record as Get NPPBKC and Browse NPPBKC show it. */
  async renderNppbkc(row: CukaiNppbkcRow): Promise<Record<string, unknown>> {
    const attrs = parseJson<Record<string, unknown>>(row.attrs);
    const a = { ...NPPBKC_FIELDS, ...attrs };
    return {
      idNppbkc: row.id,
      kodeKantor: row.kode_kantor,
      nppbkc: row.nppbkc,
      namaPerusahaan: row.nama_perusahaan,
      pemilik: a.pemilik,
      alamatPemilik: a.alamatPemilik,
      kota: a.kota,
      tanggalNppbkc: a.tanggalNppbkc,
      kuasa: a.kuasa,
      npwp: row.npwp,
      telepon: a.telepon,
      fax: a.fax,
      caraBayar: a.caraBayar,
      ambilPita: a.ambilPita,
      blokir: a.blokir,
      flagPpn: a.flagPpn,
      nomorCabut: a.nomorCabut,
      tanggalCabut: a.tanggalCabut,
      kodeJenisBkc: row.kode_jenis_bkc,
      kodeJenisUsaha: a.kodeJenisUsaha,
      waktuUpdate: a.waktuUpdate,
      nipUpdate: a.nipUpdate,
      waktuRekam: a.waktuRekam,
      nipRekam: a.nipRekam,
      idPabrik: a.idPabrik,
      nomorKep: a.nomorKep,
      nppbkc28: a.nppbkc28,
      nppbkc10: a.nppbkc10,
      flagRegis: a.flagRegis,
      transaksiTerakhir: a.transaksiTerakhir,
      alamatPerusahaan: a.alamatPerusahaan,
      akhirBerlaku: a.akhirBerlaku,
      kodePerson: a.kodePerson,
      namaKantor: await this.namaKantor(row.company_id, row.kode_kantor),
    };
  }

  // ----------------------------------------------------------------------------- kuasa
  async addKuasa(companyId: string, nppbkcId: string, input: { id?: string; penerimaKuasa: string; identitas: string; createdAt?: string }, q: Q = this.db): Promise<string> {
    if (!(await this.nppbkcById(companyId, nppbkcId, q))) throw new DomainInvalid('nppbkc', `no NPPBKC ${nppbkcId} for this company`);
    const id = (input.id ?? randomUUID()).toLowerCase();
    if (!UUID.test(id)) throw new DomainInvalid('id', 'id must be a UUID');
    if (!input.penerimaKuasa.trim()) throw new DomainInvalid('penerimaKuasa', 'penerimaKuasa must not be empty');
    try {
      await q
        .insertInto('cukai_kuasa')
        .values({ id, company_id: companyId, nppbkc_id: nppbkcId, penerima_kuasa: input.penerimaKuasa.trim(), identitas: input.identitas, created_at: input.createdAt ?? iso(Date.now()) })
        .execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainConflict(`a kuasa with id ${id} already exists`);
      throw err;
    }
    return id;
  }

  async kuasaOf(companyId: string, nppbkcId: string): Promise<{ penerimaKuasa: string; identitas: string; idKuasa: string }[]> {
    const rows = await this.db
      .selectFrom('cukai_kuasa')
      .selectAll()
      .where('company_id', '=', companyId)
      .where('nppbkc_id', '=', nppbkcId)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((r) => ({ penerimaKuasa: r.penerima_kuasa, identitas: r.identitas, idKuasa: r.id }));
  }

  // ----------------------------------------------------------------------------- merk
  async createMerk(companyId: string, input: MerkInput, q: Q = this.db): Promise<CukaiMerkRow> {
    const id = (input.id ?? randomUUID()).toLowerCase();
    if (!UUID.test(id)) throw new DomainInvalid('id', 'id must be a UUID');
    if (!['HT', 'MMEA', 'EA'].includes(input.jenisBkc)) throw new DomainInvalid('jenisBkc', 'jenisBkc must be HT, MMEA or EA');
    if (!input.namaMerk.trim()) throw new DomainInvalid('namaMerk', 'namaMerk must not be empty');
    if (!(await this.nppbkcById(companyId, input.nppbkcId, q))) throw new DomainInvalid('nppbkc', `no NPPBKC ${input.nppbkcId} for this company`);
    const row: CukaiMerkRow = {
      id,
      company_id: companyId,
      nppbkc_id: input.nppbkcId,
      jenis_bkc: input.jenisBkc,
      nama_merk: input.namaMerk.trim(),
      attrs: JSON.stringify(input.attrs ?? {}),
      created_at: input.createdAt ?? iso(Date.now()),
    };
    try {
      await q.insertInto('cukai_merk').values(row).execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainConflict(`a merk with id ${id} already exists`);
      throw err;
    }
    return row;
  }

  async merkById(companyId: string, id: string, q: Q = this.db): Promise<CukaiMerkRow | undefined> {
    if (!UUID.test(id)) return undefined;
    return q.selectFrom('cukai_merk').selectAll().where('company_id', '=', companyId).where('id', '=', id.toLowerCase()).executeTakeFirst();
  }

  async browseMerk(companyId: string, nppbkcId: string, kinds: BkcKind[], offset: number, limit: number): Promise<{ rows: CukaiMerkRow[]; total: number }> {
    const base = this.db.selectFrom('cukai_merk').where('company_id', '=', companyId).where('nppbkc_id', '=', nppbkcId).where('jenis_bkc', 'in', kinds);
    const total = Number((await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await base.selectAll().orderBy('created_at').orderBy('id').offset(offset).limit(limit).execute();
    return { rows, total };
  }

  async listMerk(companyId: string, nppbkcId?: string): Promise<CukaiMerkRow[]> {
    let qb = this.db.selectFrom('cukai_merk').selectAll().where('company_id', '=', companyId);
    if (nppbkcId) qb = qb.where('nppbkc_id', '=', nppbkcId);
    return qb.orderBy('created_at').orderBy('id').execute();
  }

  // ----------------------------------------------------------------------------- tarif merk
  async createTarif(companyId: string, input: TarifInput, q: Q = this.db): Promise<CukaiTarifMerkRow> {
    const id = (input.id ?? randomUUID()).toLowerCase();
    if (!UUID.test(id)) throw new DomainInvalid('id', 'id must be a UUID');
    for (const [k, v] of [['awalBerlaku', input.awalBerlaku], ['akhirBerlaku', input.akhirBerlaku]] as const) {
      if (v != null && !DATE.test(v)) throw new DomainInvalid(k, `${k} must be YYYY-MM-DD`);
    }
    if (!(await this.merkById(companyId, input.merkId, q))) throw new DomainInvalid('merk', `no merk ${input.merkId} for this company`);
    const row: CukaiTarifMerkRow = {
      id,
      company_id: companyId,
      merk_id: input.merkId.toLowerCase(),
      awal_berlaku: input.awalBerlaku ?? null,
      akhir_berlaku: input.akhirBerlaku ?? null,
      attrs: JSON.stringify(input.attrs ?? {}),
      created_at: input.createdAt ?? iso(Date.now()),
    };
    try {
      await q.insertInto('cukai_tarif_merk').values(row).execute();
    } catch (err) {
      if (isUniqueViolation(err)) throw new DomainConflict(`a tarif with id ${id} already exists`);
      throw err;
    }
    return row;
  }

  /** Tarif decisions of an NPPBKC's brands of one kind, newest first. */
  async browseTarif(companyId: string, nppbkcId: string, kind: BkcKind, offset: number, limit: number) {
    const base = this.db
      .selectFrom('cukai_tarif_merk as t')
      .innerJoin('cukai_merk as m', 'm.id', 't.merk_id')
      .where('t.company_id', '=', companyId)
      .where('m.company_id', '=', companyId)
      .where('m.nppbkc_id', '=', nppbkcId)
      .where('m.jenis_bkc', '=', kind);
    const total = Number((await base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const rows = await base
      .select(['t.id', 't.merk_id', 't.awal_berlaku', 't.akhir_berlaku', 't.attrs', 't.created_at', 'm.nama_merk', 'm.jenis_bkc', 'm.attrs as merk_attrs'])
      .orderBy('t.created_at', 'desc')
      .orderBy('t.id', 'desc')
      .offset(offset)
      .limit(limit)
      .execute();
    return { rows, total };
  }

  /** Tarif decisions of an NPPBKC in force some time between two dates (inclusive), by brand id. */
  async tarifInRange(companyId: string, nppbkcId: string, from: string, to: string) {
    return this.db
      .selectFrom('cukai_tarif_merk as t')
      .innerJoin('cukai_merk as m', 'm.id', 't.merk_id')
      .where('t.company_id', '=', companyId)
      .where('m.company_id', '=', companyId)
      .where('m.nppbkc_id', '=', nppbkcId)
      .where((eb) => eb.or([eb('t.awal_berlaku', 'is', null), eb('t.awal_berlaku', '<=', to)]))
      .where((eb) => eb.or([eb('t.akhir_berlaku', 'is', null), eb('t.akhir_berlaku', '>=', from)]))
      .select(['t.id', 't.merk_id', 't.attrs', 'm.nama_merk', 'm.jenis_bkc', 'm.attrs as merk_attrs'])
      .orderBy('t.merk_id')
      .orderBy('t.created_at')
      .orderBy('t.id')
      .execute();
  }
}
