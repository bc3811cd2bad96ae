import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.ts';
import type { CompanyRow } from '../../store/migrations/0001_foundation.ts';
import type { Ck4Doc, Json } from './ck4.ts';
import { MasterRepo, type NppbkcInput } from './master.ts';
import type { BkcKind } from './common.ts';
import { isUniqueViolation } from '../../store/db.ts';
import { DomainConflict } from '../../auth/repo.ts';
import { fromRoot } from '../../paths.ts';

/**
 * The demo company's excise data: every NPPBKC, brand, tarif and CK-4 the docs' own examples
 * name, with the docs' ids, so each documented example request works verbatim on a fresh
 * sandbox. Idempotent: rows are added only when their id is absent.
 */

interface Examples {
  tarifHt: Json[];
  tarifMmea: Json[];
  merkEa: Json[];
  ck4Rows: Json[];
  detailHt: Json;
  detailMmea: Json;
  detailEa: Json;
}

const EXAMPLES = JSON.parse(fs.readFileSync(fromRoot('src/services/cukai/examples/docs-examples.json'), 'utf8')) as Examples;

export const DEMO_IDS = {
  demangJaya: 'fe3c9198-1af7-05e6-e054-0021f60abd54',
  panjangJiwo: '0499af9b-f53b-40c7-b1f8-9b16c9f89b76',
  molindo: 'fe3c9197-df48-05e6-e054-0021f60abd54',
  anekaBintang: 'fe3c9198-099f-05e6-e054-0021f60abd54',
  globalSatria: 'fe3c9197-fad5-05e6-e054-0021f60abd54',
  bentoel: '9ac72c62-70fb-4664-9f58-00712cf708f8',
  ongkowidjojo: '6b7b89eb-8748-4c4f-a902-9635ab9f8d8b',
} as const;

const KANTOR: [string, string][] = [
  ['070600', 'KPPBC TMC MALANG'],
  ['150300', 'KPPBC TANGERANG'],
  ['040400', 'KPPBC JAKARTA'],
];

const NPPBKC: NppbkcInput[] = [
  {
    id: DEMO_IDS.demangJaya,
    nppbkc: '0669986374654000070613',
    npwp: '669986374654000',
    namaPerusahaan: 'DEMANG JAYA PR',
    kodeKantor: '070600',
    kodeJenisBkc: '3',
    attrs: {
      pemilik: 'intan',
      kota: 'Kabupaten Malang',
      alamatPemilik: 'Dusun Gumuk Mojo RT 46 RW 09 Kelurahan Wonokerto Kecamatan Bantur Kabupaten Malang',
      alamatPerusahaan: 'JALAN DEMANG JAYA 2 NOMOR 03 KREBET SENGGRONG KECAMATAN BULULAWANG KABUPATEN MALANG',
      kodeJenisUsaha: '1',
    },
  },
  {
    id: DEMO_IDS.panjangJiwo,
    nppbkc: '0014539407415000150312',
    npwp: '0014539407415000',
    namaPerusahaan: 'PANJANG JIWO PT',
    kodeKantor: '150300',
    kodeJenisBkc: '2',
    attrs: {
      pemilik: 'HENDRY',
      kota: 'TANGERANG',
      alamatPerusahaan: 'Jalan Yos Sudarso No.147 RT 004 RW 002 Kel. Kebon Besar Kec. Batu Ceper Kota Tangerang, Banten',
      ambilPita: 'KC',
      kodeJenisUsaha: '1',
    },
  },
  {
    id: DEMO_IDS.molindo,
    nppbkc: '0011335387641000070611',
    npwp: '011335387641000',
    namaPerusahaan: 'MOLINDO RAYA INDUSTRIAL, PT.',
    kodeKantor: '070600',
    kodeJenisBkc: '1',
    attrs: { pemilik: 'IR. SANDOJO RUSTANTO', kota: 'MALANG', alamatPerusahaan: 'JL. PANDANARAN NO. 6', kodeJenisUsaha: '1' },
  },
  {
    id: DEMO_IDS.anekaBintang,
    nppbkc: '0946806478452000150342',
    npwp: '946806478452000',
    namaPerusahaan: 'ANEKA BINTANG GUDANG PT',
    kodeKantor: '150300',
    kodeJenisBkc: '2',
    attrs: {
      pemilik: 'EKA SETIA WIJAYA',
      alamatPemilik: 'CLUSTER AQUAMARINE SELATAN 1 NO.32 PHG GADING SERPONG RT.001 RW.011 KELURAHAN CURUG SANGERENG',
      kota: 'Kabupaten Tangerang',
      tanggalNppbkc: '2022-06-24T00:00:00.000+07:00',
      caraBayar: 'T',
      ambilPita: 'KC',
      blokir: 'N',
      flagPpn: 'N',
      kodeJenisUsaha: '4',
      waktuRekam: '2023-08-24T00:00:00.000+07:00',
      nipRekam: 'MIGRASI',
      nppbkc28: '9468064781503000220008552304',
      nppbkc10: '1503421237',
      akhirBerlaku: '2027-06-24T00:00:00.000+07:00',
    },
  },
  {
    id: DEMO_IDS.globalSatria,
    nppbkc: '0018632638003000040441',
    npwp: '018632638003000',
    namaPerusahaan: 'GLOBAL SATRIA AJI, PT',
    kodeKantor: '040400',
    kodeJenisBkc: '1',
    attrs: {
      pemilik: 'IR. PUDJI ASTUTI',
      alamatPemilik: 'Jl. Bendungan Hilir Raya No.136 RT.012 RW.006, Kel. Bendungan Hilir, Kec. Tanah Abang, Jakarta Pusat',
      kota: 'JAKARTA',
      tanggalNppbkc: '2015-07-09T00:00:00.000+07:00',
      caraBayar: 'T',
      ambilPita: 'KC',
      blokir: 'Y',
      flagPpn: 'N',
      kodeJenisUsaha: '4',
      waktuUpdate: '2020-07-10T00:00:00.000+07:00',
      nipUpdate: '-UNKNOWN',
      waktuRekam: '2023-08-24T00:00:00.000+07:00',
      nipRekam: 'MIGRASI',
      nomorKep: 'KEP-311/WBC.07/KPP.MP.01/2015',
      nppbkc10: '0404411003',
      akhirBerlaku: '2020-07-09T00:00:00.000+07:00',
    },
  },
  {
    id: DEMO_IDS.bentoel,
    nppbkc: '0015866924651000070613',
    npwp: '015866924651000',
    namaPerusahaan: 'BENTOEL PRIMA, PT',
    kodeKantor: '070600',
    kodeJenisBkc: '3',
    attrs: { pemilik: 'SISKA SETIAWATI', kota: 'Kabupaten Tangerang', alamatPerusahaan: 'JL. RAYA KARANGLO, KEC. SINGOSARI, MALANG', nppbkc10: '0706130029' },
  },
  {
    id: DEMO_IDS.ongkowidjojo,
    nppbkc: '0011230372651000070613',
    npwp: '011230372651000',
    namaPerusahaan: 'PERUSAHAAN INDUSTRI DAN DAGANG ONGKOWIDJOJO, PT.',
    kodeKantor: '070600',
    kodeJenisBkc: '1',
    attrs: { pemilik: 'Harman Lukita', kota: 'Kota Malang', alamatPerusahaan: 'Jl. Kol. Sugiono 28 Malang', nppbkc10: '0706130088' },
  },
];

const KUASA = [
  { id: 'd703c4d8-929c-4af3-8e9a-2c4c289da685', penerimaKuasa: 'Rudi Salam', identitas: '3233212332131233' },
  { id: '1251f063-fe0b-4c19-b541-8100d22a6e5d', penerimaKuasa: 'Fina Ningrum', identitas: '1234567890123456' },
  { id: '1888ad4f-296f-48aa-91ac-b925a2948eff', penerimaKuasa: 'Budi', identitas: '3213213123123124' },
];

interface MerkSeed {
  id: string;
  nppbkcId: string;
  jenisBkc: BkcKind;
  namaMerk: string;
  attrs: Json;
}

/** Brands the example requests name (besides those derived from the tarif and brand examples). */
const MERK: MerkSeed[] = [
  {
    id: '77a71cf1-1afa-47c0-8dcf-6e166648c9ce',
    nppbkcId: DEMO_IDS.demangJaya,
    jenisBkc: 'HT',
    namaMerk: 'SEMBILAN CENGKEH',
    attrs: { jenisProduksi: 'SKM', idJenisProduksiBkc: 12, hje: 20000, tarif: 150, isi: 12, bahanKemasan: 'Kertas Biasa (Soft Pack)', satuan: 'btg', statusMerk: 'AKTIF' },
  },
  {
    id: '8e219058-d4b6-4998-8ea4-ce93e62580ee',
    nppbkcId: DEMO_IDS.panjangJiwo,
    jenisBkc: 'MMEA',
    namaMerk: 'MMEA',
    attrs: { jenisProduksi: 'MMEA GOLONGAN A', golongan: 'A', idJenisProduksiBkc: 13, isi: 5000, tarif: 8000000, satuan: 'ltr', statusMerk: 'AKTIF' },
  },
  {
    id: '630f97d4-d15e-4636-833c-9305755429c4',
    nppbkcId: DEMO_IDS.molindo,
    jenisBkc: 'EA',
    namaMerk: 'Ea Murni Kadar 96%',
    attrs: { jenisProduksi: 'EA', idJenisProduksiBkc: 18, kadar: 96, tarif: 20000, cukaiLiter: 20000, isi: 0, statusMerk: 'AKTIF' },
  },
  {
    id: 'f9ae018d-77b8-429a-a99f-c07acb813bc3',
    nppbkcId: DEMO_IDS.bentoel,
    jenisBkc: 'HT',
    namaMerk: 'VELO POLAR JP',
    attrs: { jenisProduksi: 'HTL', idJenisProduksiBkc: 9, hje: 2450, tarif: 120, isi: 25, bahanKemasan: 'Lainnya', satuan: 'gr', statusMerk: 'AKTIF' },
  },
];

const TARIF_KEYS_DROP = ['idTarifMerkHeader', 'idMerk', 'namaMerk', 'awalBerlaku', 'akhirBerlaku', 'nppbkc'];

function brandsFromTarif(records: Json[], nppbkcId: string, kind: BkcKind): MerkSeed[] {
  const out = new Map<string, MerkSeed>();
  for (const r of records) {
    const id = String(r.idMerk);
    if (out.has(id)) continue;
    const jp = String(r.jenisProduksiBkc ?? '');
    out.set(id, {
      id,
      nppbkcId,
      jenisBkc: kind,
      namaMerk: String(r.namaMerk),
      attrs: {
        jenisProduksi: jp,
        ...(kind === 'MMEA' ? { golongan: jp.replace('MMEA GOLONGAN ', ''), idJenisProduksiBkc: { A: 13, B: 14, C: 15 }[jp.slice(-1)] ?? null } : {}),
        hje: r.hje ?? null,
        isi: r.isi ?? null,
        tarif: kind === 'HT' ? r.tarif : r.tarifSpesifik,
        statusMerk: r.statusMerk ?? null,
      },
    });
  }
  return [...out.values()];
}

/** One seeded report: a header (normalized names) and details, with its id and creation instant. */
interface Ck4Seed {
  id: string;
  nppbkcId: string;
  kind: BkcKind;
  status: string | null;
  createdAt: string;
  doc: Ck4Doc;
}

const DETAIL_NULLS: Json = {
  nomorProduksi: null, tanggalProduksi: null, jumlahKemasan: null, jumlahProduksi: null, jumlahKemasanDilekatiPita: null, idMerk: null, namaMerk: null,
  jenisProduksi: null, hje: null, tarif: null, isi: null, kadar: null, bahanKemasan: null, jenisKemasan: null, kodeSatuan: null, seriPita: null,
  idJenisKemasan: null, idJenisProduksiBkc: null, keterangan: null, namaGolongan: null, nomorTangki: null, idHandleDelete: null,
};

const dateOnly = (v: unknown) => (typeof v === 'string' ? v.slice(0, 10) : v);

function ck4Seeds(): Ck4Seed[] {
  const seeds: Ck4Seed[] = [];
  const dm = EXAMPLES.detailMmea;
  // Browse CK-4 (the records of browse-tarif-merk-ea.md), newest first as the docs list them.
  EXAMPLES.ck4Rows.forEach((r, i) => {
    const id = String(r.idCk4);
    const header: Json = {
      idCk4Header: id,
      idNppbkc: DEMO_IDS.demangJaya,
      nppbkc: r.nppbkc,
      npwp: r.npwp,
      namaPerusahaan: r.namaPerusahaan,
      alamatPerusahaan: r.alamatPerusahaan,
      jenisBarangKenaCukai: 'HT',
      jenisLaporan: r.jenisLaporan,
      nomorPemberitahuan: r.nomorPemberitahuan,
      tanggalPemberitahuan: r.tanggalPemberitahuan,
      tanggalProduksiAwal: r.tanggalJamProduksiAwal,
      tanggalProduksiAkhir: r.tanggalJamProduksiAkhir,
      periodeBulan: r.periodeBulanProduksi,
      periodeTahun: r.periodeTahunProduksi,
      totalJumlahKemasan: r.jumlahKemasan,
      totalJumlahKemasanDilekatiPita: r.jumlahKemasanDilekatiPita,
      totalJumlahProduksiHtBtg: r.jumlahProduksiBtg,
      totalJumlahProduksiHtGr: r.jumlahProduksiGr,
      totalJumlahProduksiHtMl: r.jumlahProduksiLt,
      namaKota: r.kota,
      namaPengusaha: r.namaPengusaha,
      kodeKantor: r.kodeKantor,
      namaKantor: 'KPPBC TMC MALANG',
      status: r.status,
      tanggalPerbaikan: r.tanggalPerbaikan,
      tanggalBrck: r.tanggalBrck,
      idProses: null,
      idSpl: null,
    };
    let details: Json[] = [];
    if (id === '3a5603ed-199f-46ed-9b3a-1b1e05b01d78') {
      // the Rekam HT example, as recorded
      details = [
        {
          ...DETAIL_NULLS,
          idCk4Detail: '8d0f6d0e-2f4e-4c59-9a53-3f1d7b7f0a01',
          nomorProduksi: 'PRD/01/9',
          tanggalProduksi: '2023-10-02',
          jumlahKemasan: 120,
          jumlahProduksi: 1440,
          jumlahKemasanDilekatiPita: 120,
          idMerk: '77a71cf1-1afa-47c0-8dcf-6e166648c9ce',
          namaMerk: 'SEMBILAN CENGKEH',
          jenisProduksi: 'SKM',
          hje: 20000,
          tarif: 150,
          isi: 12,
          bahanKemasan: 'Kertas Biasa (Soft Pack)',
          kodeSatuan: 'btg',
          seriPita: '',
          idJenisKemasan: 1,
          idJenisProduksiBkc: 12,
        },
      ];
    }
    if (id === '834ea982-002a-4862-bf03-bb1fcdad055f') {
      // Get Detail MMEA's example shows this report
      Object.assign(header, { namaPerusahaan: dm.namaNppbkc, alamatPerusahaan: dm.alamatNppbkc, npwp: dm.npwp, idProses: dm.idProses, idSpl: dm.idSpl, totalJumlahProduksi: dm.totalJumlahProduksi });
      details = (dm.details as Json[]).map((d) => ({
        ...DETAIL_NULLS,
        idCk4Detail: d.idCk4Detail,
        idMerk: d.idMerkMmea,
        namaMerk: d.namaMerkMmea,
        isi: d.isiMmea,
        tarif: d.tarifMmea,
        kadar: d.kadarMmea,
        nomorProduksi: d.nomorProduksi,
        keterangan: d.keterangan,
        tanggalProduksi: d.tanggalProduksi,
        jumlahKemasan: d.jumlahKemasan,
        jumlahProduksi: d.jumlahProduksi,
        jumlahKemasanDilekatiPita: d.jumlahKemasanDilekatiPita,
        kodeSatuan: d.kodeSatuan,
        namaGolongan: d.namaGolongan,
        idJenisProduksiBkc: d.idJenisProduksiBkc,
      }));
    }
    seeds.push({ id, nppbkcId: DEMO_IDS.demangJaya, kind: 'HT', status: (r.status as string | null) ?? null, createdAt: new Date(Date.UTC(2024, 7, 20, 12, 0) - i * 60_000).toISOString(), doc: { header, details } });
  });

  // Get Detail HT's example (BENTOEL PRIMA)
  const dh = EXAMPLES.detailHt;
  seeds.push({
    id: 'f9ae018d-77b8-429a-a99f-c07acb813bc3',
    nppbkcId: DEMO_IDS.bentoel,
    kind: 'HT',
    status: String(dh.status),
    createdAt: '2023-07-12T03:00:00.000Z',
    doc: {
      header: {
        ...pick(dh, ['idNppbkc', 'namaPerusahaan', 'nppbkc', 'alamatPerusahaan', 'jenisLaporan', 'nomorPemberitahuan', 'periodeBulan', 'periodeTahun', 'totalJumlahKemasan', 'totalJumlahKemasanDilekatiPita', 'totalJumlahProduksiHtBtg', 'totalJumlahProduksiHtGr', 'totalJumlahProduksiHtMl', 'namaKota', 'namaPengusaha', 'npwp', 'jenisBarangKenaCukai', 'tanggalDiterima', 'kodeKantor', 'namaKantor', 'status', 'idProses', 'idSpl']),
        idCk4Header: 'f9ae018d-77b8-429a-a99f-c07acb813bc3',
        tanggalPemberitahuan: dateOnly(dh.tanggalPemberitahuan),
        tanggalProduksiAwal: dh.tanggalProduksiAwal,
        tanggalProduksiAkhir: dh.tanggalProduksiAkhir,
      },
      details: (dh.details as Json[]).map((d) => ({
        ...DETAIL_NULLS,
        idCk4Detail: d.idCk4Detail,
        idMerk: d.idMerkHt,
        nomorProduksi: d.nomorProduksi,
        keterangan: d.keterangan,
        tanggalProduksi: d.tanggalProduksi,
        jumlahKemasan: d.jumlahKemasan,
        jumlahProduksi: d.jumlahProduksi,
        jumlahKemasanDilekatiPita: d.jumlahKemasanDilekatiPita,
        namaMerk: d.namaMerkHt,
        jenisProduksi: d.jenisProduksiHt,
        hje: d.hje,
        tarif: d.tarif,
        bahanKemasan: d.bahanKemasan,
        isi: d.isiPerKemasan,
        kodeSatuan: d.satuanHt,
        seriPita: d.seriPita,
        idJenisKemasan: d.idJenisKemasan,
        idJenisProduksiBkc: d.idJenisProduksiBkc,
      })),
    },
  });

  // Get Detail EA's example (ONGKOWIDJOJO)
  const de = EXAMPLES.detailEa;
  seeds.push({
    id: '80ecf32a-6464-499d-8a22-0d25dd96dcc4',
    nppbkcId: DEMO_IDS.ongkowidjojo,
    kind: 'EA',
    status: String(de.status),
    createdAt: '2023-01-17T03:00:00.000Z',
    doc: {
      header: {
        ...pick(de, ['idNppbkc', 'namaPerusahaan', 'alamatPerusahaan', 'jenisLaporan', 'nomorPemberitahuan', 'totalJumlahProduksi', 'namaKota', 'namaPengusaha', 'npwp', 'nppbkc', 'jenisBarangKenaCukai', 'tanggalDiterima', 'nipPenjabatBc', 'kodeKantor', 'namaKantor', 'status', 'idProses', 'idSpl']),
        idCk4Header: de.idCk4header,
        tanggalPemberitahuan: dateOnly(de.tanggalPemberitahuan),
        tanggalProduksiAwal: de.tanggalJamProduksiAwal,
        tanggalProduksiAkhir: de.tanggalJamProduksiAkhir,
      },
      details: [],
    },
  });

  // The reports the Perbaikan examples correct.
  const base = (nppbkc: (typeof NPPBKC)[number], kind: BkcKind, extra: Json): Json => ({
    idNppbkc: nppbkc.id,
    nppbkc: nppbkc.nppbkc,
    npwp: nppbkc.npwp,
    namaPerusahaan: nppbkc.namaPerusahaan,
    alamatPerusahaan: nppbkc.attrs?.alamatPerusahaan ?? null,
    jenisBarangKenaCukai: kind,
    jenisLaporan: 'BULANAN',
    namaKota: nppbkc.attrs?.kota ?? null,
    namaPengusaha: nppbkc.attrs?.pemilik ?? null,
    kodeKantor: nppbkc.kodeKantor,
    namaKantor: KANTOR.find(([k]) => k === nppbkc.kodeKantor)![1],
    status: 'Selesai',
    idProses: null,
    idSpl: null,
    ...extra,
  });
  const [demang, panjang, molindo] = [NPPBKC[0]!, NPPBKC[1]!, NPPBKC[2]!];
  seeds.push({
    id: '4034d080-db3c-45a5-8c08-ef5b8b3e04e6',
    nppbkcId: demang.id!,
    kind: 'HT',
    status: 'Selesai',
    createdAt: '2024-08-15T02:00:00.000Z',
    doc: {
      header: base(demang, 'HT', {
        idCk4Header: '4034d080-db3c-45a5-8c08-ef5b8b3e04e6',
        nomorPemberitahuan: '98986',
        tanggalPemberitahuan: '2024-08-14',
        tanggalProduksiAwal: '2024-08-01T00:00:00.000+07:00',
        tanggalProduksiAkhir: '2024-08-31T23:59:59.999+07:00',
        periodeBulan: 'Agustus',
        periodeTahun: '2024',
        totalJumlahKemasan: 90,
        totalJumlahKemasanDilekatiPita: 90,
        totalJumlahProduksiHtBtg: 90,
        totalJumlahProduksiHtGr: 0,
        totalJumlahProduksiHtMl: 0,
        tanggalDiterima: '2024-08-14T09:00:00.000+07:00',
      }),
      details: [
        {
          ...DETAIL_NULLS,
          idCk4Detail: 'ed00d5f0-382f-461c-9f2a-e7f78b025dda',
          nomorProduksi: '545454',
          tanggalProduksi: '2024-08-01',
          jumlahKemasan: 90,
          jumlahProduksi: 90,
          jumlahKemasanDilekatiPita: 90,
          idMerk: '51e196c3-5e72-4c76-825b-52b69a1d7ddf',
          namaMerk: 'Kretek0909',
          jenisProduksi: 'SKT - III',
          hje: 3000,
          tarif: 122,
          isi: 1,
          bahanKemasan: 'Kertas dan Sejenisnya',
          kodeSatuan: 'btg',
          seriPita: '',
          idJenisKemasan: 1,
          idJenisProduksiBkc: 5,
        },
      ],
    },
  });
  seeds.push({
    id: 'f88e8632-1b93-4417-92bd-f64390769e6e',
    nppbkcId: panjang.id!,
    kind: 'MMEA',
    status: 'Selesai',
    createdAt: '2023-09-05T02:00:00.000Z',
    doc: {
      header: base(panjang, 'MMEA', {
        idCk4Header: 'f88e8632-1b93-4417-92bd-f64390769e6e',
        nomorPemberitahuan: 'TES/PER/MMEA/01/head',
        tanggalPemberitahuan: '2023-09-05',
        tanggalProduksiAwal: '2023-08-01T00:00:00.000+07:00',
        tanggalProduksiAkhir: '2023-08-31T23:59:59.999+07:00',
        periodeBulan: 'Agustus',
        periodeTahun: '2023',
        totalJumlahKemasan: 150,
        totalJumlahKemasanDilekatiPita: 150,
        totalJumlahProduksi: 150,
        tanggalDiterima: '2023-09-05T09:00:00.000+07:00',
      }),
      details: [
        {
          ...DETAIL_NULLS,
          idCk4Detail: '5a3c655d-e2a9-4ea6-be3a-826f940c5622',
          nomorProduksi: 'TES/PER/MMEA/01',
          tanggalProduksi: '2023-08-20',
          jumlahKemasan: 150,
          jumlahProduksi: 150,
          jumlahKemasanDilekatiPita: 150,
          idMerk: '189c6a4b-2aea-42f5-bbb2-5aa16305da6c',
          namaMerk: 'ICELAND VODKA MIX LONG ISLAND',
          isi: 1500,
          kadar: 10,
          tarif: 14000,
          jenisKemasan: 'Botol',
          kodeSatuan: 'ml',
          namaGolongan: 'MMEA GOLONGAN A',
          idJenisProduksiBkc: 13,
        },
      ],
    },
  });
  seeds.push({
    id: '03f75c14-a6c8-4095-832b-9d83970cae74',
    nppbkcId: molindo.id!,
    kind: 'EA',
    status: 'Selesai',
    createdAt: '2023-10-05T02:00:00.000Z',
    doc: {
      header: base(molindo, 'EA', {
        // the Perbaikan EA example's details name this header id (not the idCk4)
        idCk4Header: 'abc4b365-2b8e-4266-b7f7-bd705c220083',
        nomorPemberitahuan: '158881',
        tanggalPemberitahuan: '2023-10-05',
        tanggalProduksiAwal: '2023-09-01T00:00:00.000+07:00',
        tanggalProduksiAkhir: '2023-09-30T23:59:59.999+07:00',
        periodeBulan: 'September',
        periodeTahun: '2023',
        totalJumlahProduksi: 1400,
        tanggalDiterima: '2023-10-05T09:00:00.000+07:00',
      }),
      details: [
        {
          ...DETAIL_NULLS,
          idCk4Detail: 'e83ff8cc-2cc0-45da-86d8-9b6f190276e9',
          nomorProduksi: 'PROD/001/TESTING',
          tanggalProduksi: '2023-09-09',
          jumlahProduksi: 140,
          nomorTangki: 'TANGKI/001/TESTING',
          keterangan: 'Sesuai ketentuan',
          kadar: 4.8,
          idMerk: '630f97d4-d15e-4636-833c-9305755429c4',
          namaMerk: 'Ea Murni Kadar 96%',
          tarif: 20000,
          idJenisProduksiBkc: 18,
        },
      ],
    },
  });
  return seeds;
}

function pick(o: Json, keys: string[]): Json {
  const out: Json = {};
  for (const k of keys) out[k] = o[k] ?? null;
  return out;
}

export async function seedCukaiDemo(ctx: AppContext, company: CompanyRow): Promise<void> {
  const cid = company.id;
  // Already seeded (the last row of the seed is the marker)? Nothing to do.
  const marker = await ctx.db.selectFrom('cukai_ck4').select('id').where('id', '=', '03f75c14-a6c8-4095-832b-9d83970cae74').executeTakeFirst();
  if (marker) return;
  try {
    await seedOnce(ctx, cid);
  } catch (err) {
    // another process seeded at the same moment
    if (!isUniqueViolation(err) && !(err instanceof DomainConflict)) throw err;
  }
}

async function seedOnce(ctx: AppContext, cid: string): Promise<void> {
  await ctx.db.transaction().execute(async (trx) => {
    const master = new MasterRepo(trx);
    for (const [kode, nama] of KANTOR) await master.upsertKantor(cid, kode, nama, trx);
    const has = async (table: 'cukai_nppbkc' | 'cukai_merk' | 'cukai_tarif_merk' | 'cukai_kuasa' | 'cukai_ck4', id: string) =>
      Boolean(await trx.selectFrom(table).select('id').where('id', '=', id).executeTakeFirst());
    for (const n of NPPBKC) if (!(await has('cukai_nppbkc', n.id!))) await master.createNppbkc(cid, n, trx);

    const brands = [
      ...brandsFromTarif(EXAMPLES.tarifHt, DEMO_IDS.demangJaya, 'HT'),
      ...brandsFromTarif(EXAMPLES.tarifMmea, DEMO_IDS.panjangJiwo, 'MMEA'),
      ...EXAMPLES.merkEa.map((m) => ({
        id: String(m.idMerk),
        nppbkcId: DEMO_IDS.molindo,
        jenisBkc: 'EA' as BkcKind,
        namaMerk: String(m.merkMmea),
        attrs: { jenisProduksi: m.jenisMmea, idGolongan: m.idGolongan, golongan: m.golongan, kadar: m.kadar, cukaiLiter: m.cukaiLiter, tarif: m.cukaiLiter, isi: m.isi, kemasan: m.kemasan, statusMerk: 'AKTIF' },
      })),
      ...MERK,
    ];
    let t = Date.UTC(2023, 0, 1);
    const tick = () => new Date((t += 1000)).toISOString();
    for (const k of KUASA) if (!(await has('cukai_kuasa', k.id))) await master.addKuasa(cid, DEMO_IDS.panjangJiwo, { ...k, createdAt: tick() }, trx);
    for (const b of brands) if (!(await has('cukai_merk', b.id))) await master.createMerk(cid, { ...b, createdAt: tick() }, trx);

    const tarifs: { kind: BkcKind; r: Json }[] = [...EXAMPLES.tarifHt.map((r) => ({ kind: 'HT' as BkcKind, r })), ...EXAMPLES.tarifMmea.map((r) => ({ kind: 'MMEA' as BkcKind, r }))];
    // The docs list tarif records newest first: seed them oldest first so the browse order is the docs'.
    for (const { r } of tarifs.reverse()) {
      const id = String(r.idTarifMerkHeader);
      if (await has('cukai_tarif_merk', id)) continue;
      const attrs: Json = {};
      for (const [k, v] of Object.entries(r)) if (!TARIF_KEYS_DROP.includes(k)) attrs[k] = v;
      await master.createTarif(cid, { id, merkId: String(r.idMerk), awalBerlaku: (r.awalBerlaku as string | null) ?? null, akhirBerlaku: (r.akhirBerlaku as string | null) ?? null, attrs, createdAt: tick() }, trx);
    }
    const eaTarif = '5f2b7c1e-6a0d-4f7e-9c35-1d2e3f4a5b6c';
    if (!(await has('cukai_tarif_merk', eaTarif))) {
      await master.createTarif(
        cid,
        { id: eaTarif, merkId: '630f97d4-d15e-4636-833c-9305755429c4', awalBerlaku: '2023-01-01', akhirBerlaku: null, createdAt: tick(), attrs: { nomorSkep: 'KEP-001/KBC.0706/TRF/2023', tanggalSkep: '2023-01-01', tarifSpesifik: 20000, isi: 0, status: 'Selesai', statusMerk: 'AKTIF', tujuan: 'Dalam Negeri' } },
        trx,
      );
    }

    for (const s of ck4Seeds()) {
      if (await has('cukai_ck4', s.id)) continue;
      const h = s.doc.header;
      await trx
        .insertInto('cukai_ck4')
        .values({
          id: s.id,
          company_id: cid,
          nppbkc_id: s.nppbkcId,
          jenis_bkc: s.kind,
          nomor_pemberitahuan: String(h.nomorPemberitahuan),
          tanggal_pemberitahuan: String(h.tanggalPemberitahuan),
          jenis_laporan: String(h.jenisLaporan ?? ''),
          status: s.status,
          version: 1,
          doc: JSON.stringify(s.doc),
          created_at: s.createdAt,
          updated_at: s.createdAt,
        })
        .execute();
      await trx
        .insertInto('cukai_ck4_versions')
        .values({ id: randomUUID(), ck4_id: s.id, company_id: cid, version: 1, kind: 'seed', doc: JSON.stringify(s.doc), request: 'null', dokumen_key: null, dokumen_name: null, dokumen_type: null, dokumen_size: null, created_at: s.createdAt })
        .execute();
    }
  });
}
