import zlib from 'node:zlib';

/** The page's Kirim Dokumen Barang Kiriman example document, verbatim. */
export const PAGE_EXAMPLE = {
  alamatPenerima: 'KEBON MANGGIS III NO.9 RT 10 RW02',
  alamatPengirim: 'NO.1677A, HUMIN ROAD, ZHUANQIAO TO',
  asalData: 'S',
  asuransiTotal: '0.40',
  badanUsahaPenerima: '2',
  barang: [
    {
      asuransiBarang: '0.40', cifBarang: '50.40', flagBebas: '-', fobBarang: '50.00', freightBarang: '0.00', hargaSatuan: '50.00', hsCode: '32100091',
      jenisKemasan: 'PK', jenisTarifBm: '1', jenisTarifBmad: '1', jenisTarifBmtp: '1', jumlahKemasan: '0', jumlahSatuan: '1', kodeNegaraAsal: 'CN',
      kodeSatuan: 'PCE', nettoBarang: '0', nilaiBm: '59096.52', nilaiBmad: '0.00', nilaiBmtp: '0.00', nilaiCea: '0.00', nilaiCmea: '0.00',
      nilaiCtem: '0.00', nilaiPph: '0.00', nilaiPpn: '93175', nilaiPpnbm: '0.00', nomorImei1: '-', nomorImei2: '-', nomorSkep: '-', seriBarang: '1',
      tarifBm: '7.50', tarifBmad: '0.00', tarifBmtp: '0.00', tarifCea: '0.00', tarifCmea: '0.00', tarifCtem: '0.00', tarifPph: '0.00', tarifPpn: '11.00',
      tarifPpnbm: '0.00', tglSkep: '-', uraianBarang: '(INCOTERM: CFR) WATER SOLUBLE PIGMENT', kondisiBarang: '1',
    },
  ],
  bruto: '1.50', cifTotal: '50.40', fobTotal: '50.00', freightTotal: '0.00', jenisAju: '1', kategoriBarangKiriman: '1', kodeGudang: 'IKC1',
  kodeJenisAngkut: '4', kodeJenisIdentitasPenerima: '5', kodeJenisIdentitasPengirim: '2', kodeJenisPibk: '2', kodeKantor: '009000',
  kodeMarketplace: '', kodeNegaraAsal: 'CN', kodeNegaraPengirim: 'CN', kodeNegaraTujuan: 'ID', kodePelBongkar: 'IDCGK', kodePelMuat: 'CNSHA',
  kodeValuta: 'USD', namaMarketplace: '', namaPenerima: 'MIL MILAH', namaPengangkut: 'SF AIRLINE', namaPengirim: 'SHANGHAI YIQING INDUSTRIAL LIMITED',
  ndpbm: '15634', netto: '0.00', nomorBarang: 'CAN04032024-5', nomorBC11: '01234', nomorFlight: 'SF019', nomorHouse: 'CAN04032024-5',
  nomorIdentitasPenerima: '010016202093000', nomorIdentitasPengirim: 'C0170938', nomorInvoice: '', nomorKantong: '-', nomorMaster: 'CAN01032024-5',
  nomorTelpPenerima: '096431507018000', npwpBilling: '000000000000000', npwpPemberitahu: '123456789012345', posBC11: '000100050000',
  tanggalBC11: '2024-02-28', tanggalHouse: '2024-02-28', tanggalInvoice: '', tanggalMaster: '2024-02-28', totalBm: '60000.00', totalBmad: '0.00',
  totalBmtp: '0.00', totalCea: '0.00', totalCmea: '0.00', totalCtem: '0.00', totalPph: '0.00', totalPpn: '93175.00', totalPpnbm: '0.00',
  totalTagihan: '153175.00',
};

/** The consignment the seed's X-ray examples refer to (house CNTESTXRAY3 of 2025-09-30 at office 009000). */
export function consignment(over: Record<string, unknown> = {}): Record<string, unknown> {
  return { ...structuredClone(PAGE_EXAMPLE), nomorBarang: 'CNTESTXRAY3', nomorHouse: 'CNTESTXRAY3', tanggalHouse: '2025-09-30', ...over };
}

export const SEED_AJU = '012345678901234500000020250930CNTESTXRAY3CN1';
export const SEED_DATA = { kodeKantor: '009000', nomorBlAwb: 'CNTESTXRAY3', tanggalBlAwb: '2025-09-30', nomorAju: SEED_AJU };

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

/** A real PNG of w x h grey pixels (optionally padded with a big tEXt chunk to reach a size). */
export function png(w = 2, h = 2, padBytes = 0): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 0;
  const raw = Buffer.alloc((w + 1) * h, 0x80);
  for (let y = 0; y < h; y++) raw[y * (w + 1)] = 0;
  const parts = [Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr)];
  if (padBytes) parts.push(chunk('tEXt', Buffer.concat([Buffer.from('Comment\0'), Buffer.alloc(padBytes, 0x41)])));
  parts.push(chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0)));
  return Buffer.concat(parts);
}

/** A minimal JPEG header (SOI + JFIF APP0) followed by bytes: enough for content sniffing. */
export function jpeg(size = 2048): Buffer {
  const head = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00]);
  return Buffer.concat([head, Buffer.alloc(Math.max(0, size - head.length - 2), 0x11), Buffer.from([0xff, 0xd9])]);
}

export interface Part {
  name: string;
  value: string | Buffer;
  filename?: string;
  type?: string;
}

/** A multipart/form-data body built by hand (what curl -F sends). */
export function multipart(parts: Part[]): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----ceisa40test${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    let head = `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename !== undefined ? `; filename="${p.filename}"` : ''}\r\n`;
    if (p.type) head += `Content-Type: ${p.type}\r\n`;
    chunks.push(Buffer.from(`${head}\r\n`), Buffer.isBuffer(p.value) ? p.value : Buffer.from(p.value), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

export function xrayForm(data: unknown, images: { name: string; bytes: Buffer; type?: string }[]): { payload: Buffer; headers: Record<string, string> } {
  return multipart([
    { name: 'data', value: typeof data === 'string' ? data : JSON.stringify(data), type: 'application/json' },
    ...images.map((i) => ({ name: 'images', value: i.bytes, filename: i.name, type: i.type ?? 'image/png' })),
  ]);
}

/** The ekspor page's Kirim Data CN Ekspor example, verbatim (daftar-service-ekspor-barang-kiriman.md). */
export const CN_EKSPOR_EXAMPLE: Record<string, any>[] = [
  {
    jenisAju: '11', jenisEkspor: '1', nomorBarangKiriman: '050320250001', tanggalBarangKiriman: '2024-06-04', kantor: '050100', tps: 'GRHA', negaraTujuan: 'MY', incoterm: 'CIF', valuta: 'USD',
    biayaAngkut: 10000000, npwpPemberitahu: '123456789012345', namaPemberitahu: 'BERKAT JAYA BERSAUDARA', namaPengirim: 'Pengirim', alamatPengirim: 'alamat Pengirim', jenisIdentitasPengirim: '3',
    nomorIdentitasPengirim: '020664868085000', teleponPegirim: '0812231XX', daerahAsalBarang: '1173', namaPenerima: 'nama penerima', alamatPenerima: 'alamat penerima', namaMarketplace: 'nama marketplace',
    identitasMarketPlace: 'nomor identitas marketplace', namaSaranaPengangkut: 'Harapan Jaya', nomorVoyFlight: '001-047CC', caraAngkut: '2', fob: 10000, nilaiBk: 0, kodeKategoriEkspor: '41',
    cnBarangList: [
      { seri: 1, kodeHs: '01022910', fob: 58500, jumlahSatuan: 90, jumlahKemasan: 12, satuanBarang: 'MBR', kemasanBarag: 'HG', bruto: 5, uraian: 'uraian barang 1' },
      { seri: 2, kodeHs: '01022910', fob: 58500, jumlahSatuan: 85, jumlahKemasan: 2, satuanBarang: 'MBR', kemasanBarag: 'HG', bruto: 10, uraian: 'uraian barang 2' },
    ],
    cnDokumenList: [{ seri: 2, dokumen: '920', nomor: '120/KME.09/2024', tanggal: '2024-06-04', kantor: '040300' }, { seri: 1, dokumen: '960', nomor: 'VC/KME.09/2024', tanggal: '2024-06-04', kantor: '040300' }],
    cnBarangDokumenList: [{ seriBarang: 1, seriDokumen: 2 }, { seriBarang: 2, seriDokumen: 1 }],
    cnBarangTarifList: [{ seriBarang: 1, kodeHs: '33073000', jenisTarif: '1', tarif: 7.5, jenisPungutan: 'BK', hargaEkspor: 2000, nilai: 55000500 }],
    cnSuratList: [{ jumlahSurat: 1, bruto: 10, nomorBarang: 'test', negaraTujuan: 'MY', namaPengirim: 'test', alamatPengirim: 'test', namaPenerima: 'test', alamatPenerima: 'test', jenisSurat: 1 }],
  },
];
