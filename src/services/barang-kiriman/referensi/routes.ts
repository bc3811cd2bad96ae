import { endpoint, type Endpoint } from '../../../http/registry.ts';
import { referenceTable } from '../../../reference/index.ts';
import { cnpibk, ok } from '../common.ts';

/** Served name -> reference table (src/reference/data) and which cells are kode / uraian / keterangan. */
const TABLES: Record<string, { table: string; title: string }> = {
  'jenis-aju': { table: 'barang-kiriman-jenis-aju', title: 'Referensi Jenis Aju' },
  'kode-jenis-pibk': { table: 'barang-kiriman-kode-jenis-pibk', title: 'Referensi Kode Jenis PIBK' },
  'kategori-barang-kiriman': { table: 'barang-kiriman-kategori-barang-kiriman', title: 'Referensi Kategori Barang Kiriman' },
  'kondisi-barang': { table: 'barang-kiriman-kondisi-barang', title: 'Referensi Kondisi Barang' },
  'badan-usaha-penerima': { table: 'barang-kiriman-badan-usaha-penerima', title: 'Referensi Badan Usaha Penerima' },
  'kode-status': { table: 'barang-kiriman-kode-status', title: 'Referensi Kode Status' },
  'kode-status-bc14': { table: 'barang-kiriman-kode-status-bc-1.4', title: 'Referensi Kode Status BC 1.4' },
};

export interface RefRow {
  kode: string;
  uraian: string;
  keterangan?: string;
}

export function referensiRows(name: string): RefRow[] {
  const t = referenceTable(TABLES[name]!.table);
  // The pages' tables have a trailing decoration row (e.g. "🔼") on some pages: only rows with a code count.
  return t.rows
    .filter((r) => r[0] && /^[0-9A-Z]/.test(r[0]))
    .map((r) => (r.length > 2 ? { kode: r[0]!, uraian: r[1] ?? '', keterangan: r[2] ?? '' } : { kode: r[0]!, uraian: r[1] ?? '' }));
}

/**
 * The Referensi Discount page's table is printed one row off (each description sits next to
 * the code of the row before, and two section heads are rows): decoded here into its two lists.
 */
export function discountReference(): { discountType: RefRow[]; discountProvider: RefRow[] } {
  const rows = referenceTable('barang-kiriman-discount').rows;
  const headCode = (referenceTable('barang-kiriman-discount').columns[1] ?? '').trim();
  const lists: { discountType: RefRow[]; discountProvider: RefRow[] } = { discountType: [], discountProvider: [] };
  let current: RefRow[] = lists.discountType;
  let pendingHead = headCode;
  for (const [desc, code] of rows) {
    if (desc === 'Description') continue;
    if (pendingHead === 'Discount Provider Code') current = lists.discountProvider;
    // the code printed on this row belongs to the next row's description
    pendingHead = '';
    current.push({ kode: '', uraian: desc ?? '' });
    if (code === 'Discount Provider Code') pendingHead = code;
  }
  // number each list in order: the page numbers them from 1
  for (const list of [lists.discountType, lists.discountProvider]) list.forEach((r, i) => (r.kode = String(i + 1)));
  return lists;
}

const TAGS = ['Barang Kiriman: Referensi'];

export const referensiEndpoints: Endpoint[] = [
  endpoint({
    method: 'GET',
    paths: cnpibk('/referensi'),
    family: 'barkir',
    summary: 'The consignment reference tables served here (names and titles)',
    tags: TAGS,
    handler: async () => ok([...Object.entries(TABLES).map(([nama, t]) => ({ nama, judul: t.title })), { nama: 'discount', judul: 'Referensi Discount' }]),
  }),
  ...Object.entries(TABLES).map(([name, t]) =>
    endpoint({
      method: 'GET',
      paths: cnpibk(`/referensi/${name}`),
      family: 'barkir',
      summary: t.title,
      tags: TAGS,
      handler: async () => ok(referensiRows(name)),
    }),
  ),
  endpoint({
    method: 'GET',
    paths: cnpibk('/referensi/discount'),
    family: 'barkir',
    summary: 'Referensi Discount (discount type and discount provider codes of E-Invoice)',
    tags: TAGS,
    handler: async () => ok(discountReference()),
  }),
];
