/**
 * Jenis produksi BKC: the production types an excise report or brand refers to by
 * `idJenisProduksiBkc` / `kodeJenisProduksi`. The docs give four facts: id 12 is SKM (Rekam HT),
 * id 13 / kode "A" is "MMEA GOLONGAN A" in mililiter of idJenisBkc 2 (Get Jenis Produksi, Rekam
 * MMEA), id 18 is EA (Rekam EA), id 5 is a production type counted in batang (Get Detail MMEA).
 * The other rows complete the list with the excise production types of the regulations; their
 * ids are ceisa40's numbering (documented in docs/cukai.md).
 */
export interface JenisProduksi {
  idJenisProduksi: number;
  satuan: string;
  kodeJenisProduksi: string;
  namaJenisProduksi: string;
  /** 1 EA, 2 MMEA, 3 HT */
  idJenisBkc: number;
}

const HT = 3;
const MMEA = 2;
const EA = 1;

export const JENIS_PRODUKSI: readonly JenisProduksi[] = [
  { idJenisProduksi: 1, satuan: 'batang', kodeJenisProduksi: 'CRT', namaJenisProduksi: 'CERUTU', idJenisBkc: HT },
  { idJenisProduksi: 2, satuan: 'batang', kodeJenisProduksi: 'KLB', namaJenisProduksi: 'ROKOK DAUN ATAU KLOBOT', idJenisBkc: HT },
  { idJenisProduksi: 3, satuan: 'batang', kodeJenisProduksi: 'KLM', namaJenisProduksi: 'KELEMBAK MENYAN', idJenisBkc: HT },
  { idJenisProduksi: 4, satuan: 'batang', kodeJenisProduksi: 'SKTF', namaJenisProduksi: 'SIGARET KRETEK TANGAN FILTER', idJenisBkc: HT },
  { idJenisProduksi: 5, satuan: 'batang', kodeJenisProduksi: 'SKT', namaJenisProduksi: 'SIGARET KRETEK TANGAN', idJenisBkc: HT },
  { idJenisProduksi: 6, satuan: 'batang', kodeJenisProduksi: 'SPT', namaJenisProduksi: 'SIGARET PUTIH TANGAN', idJenisBkc: HT },
  { idJenisProduksi: 7, satuan: 'batang', kodeJenisProduksi: 'SPTF', namaJenisProduksi: 'SIGARET PUTIH TANGAN FILTER', idJenisBkc: HT },
  { idJenisProduksi: 8, satuan: 'gram', kodeJenisProduksi: 'TIS', namaJenisProduksi: 'TEMBAKAU IRIS', idJenisBkc: HT },
  { idJenisProduksi: 9, satuan: 'gram', kodeJenisProduksi: 'HTL', namaJenisProduksi: 'HASIL PENGOLAHAN TEMBAKAU LAINNYA', idJenisBkc: HT },
  { idJenisProduksi: 10, satuan: 'mililiter', kodeJenisProduksi: 'REL', namaJenisProduksi: 'ROKOK ELEKTRIK', idJenisBkc: HT },
  { idJenisProduksi: 11, satuan: 'batang', kodeJenisProduksi: 'SPM', namaJenisProduksi: 'SIGARET PUTIH MESIN', idJenisBkc: HT },
  { idJenisProduksi: 12, satuan: 'batang', kodeJenisProduksi: 'SKM', namaJenisProduksi: 'SIGARET KRETEK MESIN', idJenisBkc: HT },
  { idJenisProduksi: 13, satuan: 'mililiter', kodeJenisProduksi: 'A', namaJenisProduksi: 'MMEA GOLONGAN A', idJenisBkc: MMEA },
  { idJenisProduksi: 14, satuan: 'mililiter', kodeJenisProduksi: 'B', namaJenisProduksi: 'MMEA GOLONGAN B', idJenisBkc: MMEA },
  { idJenisProduksi: 15, satuan: 'mililiter', kodeJenisProduksi: 'C', namaJenisProduksi: 'MMEA GOLONGAN C', idJenisBkc: MMEA },
  { idJenisProduksi: 16, satuan: 'mililiter', kodeJenisProduksi: 'KMEA', namaJenisProduksi: 'KONSENTRAT MENGANDUNG ETIL ALKOHOL', idJenisBkc: MMEA },
  { idJenisProduksi: 18, satuan: 'liter', kodeJenisProduksi: 'EA', namaJenisProduksi: 'ETIL ALKOHOL', idJenisBkc: EA },
];

export function jenisProduksiById(id: number): JenisProduksi | undefined {
  return JENIS_PRODUKSI.find((j) => j.idJenisProduksi === id);
}

export function jenisProduksiByKode(kode: string): JenisProduksi | undefined {
  const k = kode.trim().toUpperCase();
  return JENIS_PRODUKSI.find((j) => j.kodeJenisProduksi === k);
}
