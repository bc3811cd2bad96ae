/**
 * The seeding tool (scripts/seed.ts) writes rows directly, without the domain code: these tests
 * check that what it writes is what the server would have written and that every read of the
 * API works on it: a seeded document against one sent and paid through the real path (same
 * rows, columns, payload fields, history, PDFs), running numbers unique and continued by the
 * server afterwards, every event delivered, each company seeing only its own documents.
 */
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { PDFDocument } from 'pdf-lib';
import SQLite from 'better-sqlite3';
import { buildApp, type BuiltApp } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/config.ts';
import { ENGINES, createTestStorage, type TestStorage } from '../helpers/db.ts';
import { seed, type SeedResult } from '../../scripts/seed.ts';
import { bc20Example } from '../../bench/bodies.ts';

/* eslint-disable @typescript-eslint/no-explicit-any */

const DOCS = 120;
const COMPANIES = 3;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** A value's kind, for comparing rows whose ids, numbers and times differ. */
function kind(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return ISO.test(v) ? 'iso' : UUID.test(v) ? 'uuid' : 'string';
  return typeof v;
}

for (const engine of ENGINES) {
  describe(`seeding tool (${engine})`, () => {
    let storage: TestStorage;
    let result: SeedResult;
    let built: BuiltApp;
    let config: Config;
    let demo: Record<string, string>;
    let demoId: string;
    before(async () => {
      storage = await createTestStorage(engine);
      // 2 batches (70, 50): transactions, chunks and counters across batches; full-size and
      // remainder multi-row INSERTs on both engines (1,120 events in the first batch)
      result = await seed({ documents: DOCS, companies: COMPANIES, batch: 70, sample: 10, dataDir: storage.dataDir, databaseUrl: storage.databaseUrl });
      config = loadConfig({ CEISA_MODE: 'sandbox' }, { dataDir: storage.dataDir, databaseUrl: storage.databaseUrl });
      built = await buildApp(config, { logger: false });
      await built.app.ready();
      demo = await login('demo', 'demo', 'demo-key');
      demoId = (await built.ctx.db.selectFrom('companies').select('id').where('npwp', '=', '012345678901234').executeTakeFirstOrThrow()).id;
    });
    after(async () => {
      await built?.app.close();
      await storage?.cleanup();
    });

    const login = async (username: string, password: string, apiKey: string) => {
      const res = await built.app.inject({ method: 'POST', url: '/v1/openapi-auth/user/login', payload: { username, password } });
      assert.equal(res.statusCode, 200, res.body);
      return { authorization: `Bearer ${res.json().item.access_token}`, 'beacukai-api-key': apiKey };
    };
    const get = (url: string, headers = demo) => built.app.inject({ method: 'GET', url, headers });
    const rowsOf = async (docId: string) => ({
      pabean_documents: await built.ctx.db.selectFrom('pabean_documents').selectAll().where('id', '=', docId).execute(),
      pabean_lifecycles: await built.ctx.db.selectFrom('pabean_lifecycles').selectAll().where('document_id', '=', docId).execute(),
      pabean_billings: await built.ctx.db.selectFrom('pabean_billings').selectAll().where('document_id', '=', docId).execute(),
      lifecycle_events: await built.ctx.db.selectFrom('lifecycle_events').selectAll().where('subject_id', '=', docId).orderBy('seq').execute(),
    });

    test('exactly the documents asked for, every row, the SQLite journal back to WAL, references intact', async () => {
      assert.equal(result.documents, DOCS);
      const count = async (t: 'pabean_documents' | 'pabean_lifecycles' | 'pabean_billings' | 'lifecycle_events' | 'pabean_document_versions') =>
        Number((await built.ctx.db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      assert.equal(await count('pabean_documents'), DOCS);
      assert.equal(await count('pabean_lifecycles'), DOCS);
      assert.equal(await count('pabean_billings'), DOCS);
      assert.equal(await count('lifecycle_events'), DOCS * 16);
      assert.equal(await count('pabean_document_versions'), 0, 'the template document left nothing behind');
      assert.equal(result.rows, DOCS * 19);
      if (engine === 'sqlite') {
        const db = new SQLite(config.sqliteFile, { readonly: true });
        try {
          assert.deepEqual(db.pragma('foreign_key_check'), []);
          assert.equal(db.pragma('integrity_check', { simple: true }), 'ok');
          assert.equal(db.pragma('journal_mode', { simple: true }), 'wal');
        } finally {
          db.close();
        }
      }
      // every seeded event already pulled: the queue has nothing for the company
      const q = await get('/openapi/status?idPerusahaan=012345678901234');
      assert.equal(q.statusCode, 200);
      assert.equal(q.json().status, 'Failed');
      // round robin over the companies, the demo one first
      const per = await built.ctx.db.selectFrom('pabean_documents').select(['company_id', (eb) => eb.fn.countAll().as('n')]).groupBy('company_id').execute();
      assert.equal(per.length, COMPANIES);
      for (const p of per) assert.equal(Number(p.n), DOCS / COMPANIES);
    });

    test('a seeded document has the rows of one sent and paid through the real path', async () => {
      // the reference: sent, paid and finished through the API
      await built.app.inject({ method: 'POST', url: '/sandbox/v1/clock/freeze', headers: demo, payload: {} });
      const nomorAju = `051000REFER0${new Date().toISOString().slice(0, 10).replaceAll('-', '')}000001`;
      const sent = await built.app.inject({ method: 'POST', url: '/openapi/document?isFinal=true', headers: { ...demo, 'x-ceisa-lane': 'green', 'x-ceisa-billing': 'required' }, payload: { ...bc20Example(), nomorAju } });
      assert.equal(sent.statusCode, 200, sent.body);
      await built.app.inject({ method: 'POST', url: '/sandbox/v1/clock/advance', headers: demo, payload: { by: '1h' } });
      const real = await rowsOf(sent.json().idHeader);
      const kode = real.pabean_billings[0]!.kode_billing;
      assert.equal((await built.app.inject({ method: 'POST', url: `/sandbox/v1/billing/${kode}/pay`, headers: demo })).statusCode, 200);
      await built.app.inject({ method: 'POST', url: '/sandbox/v1/clock/advance', headers: demo, payload: { by: '3d' } });
      Object.assign(real, await rowsOf(sent.json().idHeader));

      const seededDoc = await built.ctx.db.selectFrom('pabean_documents').select('id').where('nomor_aju', '=', result.demoAjus[3]!).executeTakeFirstOrThrow();
      const seeded = await rowsOf(seededDoc.id);
      for (const t of Object.keys(real) as (keyof typeof real)[]) {
        assert.equal(seeded[t].length, real[t].length, `${t}: as many rows`);
        real[t].forEach((r: any, i) => {
          const s = seeded[t][i] as any;
          assert.deepEqual(Object.keys(s), Object.keys(r), `${t}: same columns`);
          for (const c of Object.keys(r)) {
            if (t === 'lifecycle_events' && c === 'delivered_at') continue; // seeded events were all pulled
            assert.equal(kind(s[c]), kind(r[c]), `${t}[${i}].${c}: ${s[c]} vs ${r[c]}`);
          }
          if (t === 'lifecycle_events') {
            for (const c of ['subject_kind', 'seq', 'kind', 'code']) assert.equal(s[c], r[c], `event ${i} ${c}`);
            const sp = JSON.parse(s.payload);
            const rp = JSON.parse(r.payload);
            assert.deepEqual(Object.keys(sp), Object.keys(rp), `event ${i}: payload fields`);
            for (const k of Object.keys(rp)) {
              if (['nomorAju', 'nomorDaftar', 'tanggalDaftar', 'nomorRespon', 'kodeBilling'].includes(k)) assert.equal(sp[k] === null, rp[k] === null, `event ${i}: ${k} given`);
              else assert.deepEqual(sp[k], rp[k], `event ${i}: ${k}`);
            }
            assert.equal(sp.nomorAju, result.demoAjus[3]);
            assert.ok(s.delivered_at, 'seeded events are delivered');
          }
        });
      }
      const [sd, rd] = [seeded.pabean_documents[0] as any, real.pabean_documents[0] as any];
      for (const c of ['kode_dokumen', 'kode_kantor', 'state', 'schema_version', 'revision']) assert.equal(sd[c], rd[c], c);
      const body = JSON.parse(sd.body);
      assert.equal(body.nomorAju, sd.nomor_aju);
      assert.equal(body.tanggalAju, `${sd.nomor_aju.slice(12, 16)}-${sd.nomor_aju.slice(16, 18)}-${sd.nomor_aju.slice(18, 20)}`);
      assert.deepEqual({ ...body, nomorAju: 'x', tanggalAju: 'x' }, { ...JSON.parse(rd.body), nomorAju: 'x', tanggalAju: 'x' });
      const [sl, rl] = [seeded.pabean_lifecycles[0] as any, real.pabean_lifecycles[0] as any];
      for (const c of ['lane', 'outcome', 'phase', 'decided_by', 'kode_dokumen', 'revision']) assert.equal(sl[c], rl[c], c);
      const [sb, rb] = [seeded.pabean_billings[0] as any, real.pabean_billings[0] as any];
      for (const c of ['status', 'total', 'pungutan', 'revision']) assert.equal(sb[c], rb[c], c);
      assert.match(sb.kode_billing, /^\d{15}$/);
      // the same offsets between the timeline's instants
      const offsets = (rows: any[]) => rows.map((e) => Date.parse(e.due_at) - Date.parse(rows[0].due_at));
      assert.deepEqual(offsets(seeded.lifecycle_events), offsets(real.lifecycle_events));
      await built.app.inject({ method: 'POST', url: '/sandbox/v1/clock/reset', headers: demo });
    });

    test('status history, PDFs, billing, form and timeline read a seeded document', async () => {
      const nomorAju = result.demoAjus[1]!;
      const h = await get(`/openapi/status/${nomorAju}`);
      assert.equal(h.statusCode, 200);
      const a = h.json();
      assert.equal(a.status, 'Success');
      assert.deepEqual(a.dataStatus.map((s: any) => s.kodeProses), ['104', '105', '106', '110', '205', '210', '220', '230', '240', '250', '501', '800']);
      assert.deepEqual(a.dataRespon.map((r: any) => r.kodeRespon), ['2001', '2020', '2000', '2003']);
      const sppb = a.dataRespon[3];
      assert.match(sppb.nomorDaftar, /^\d{6}$/);
      assert.match(sppb.nomorRespon, /^\d{6}\/KBC\.0510\/\d{4}$/);
      assert.equal(a.dataStatus.at(-1).nomorDaftar, sppb.nomorDaftar);
      const pdf = await PDFDocument.load(Buffer.from(sppb.Pdf, 'base64'));
      assert.equal(pdf.getTitle(), 'SURAT PERSETUJUAN PENGELUARAN BARANG (SPPB)');
      assert.match(pdf.getKeywords() ?? '', new RegExp(nomorAju));
      const byPath = await get(`/openapi/download-respon?path=${encodeURIComponent(sppb.pdf)}`);
      assert.equal(byPath.statusCode, 200);
      assert.deepEqual(byPath.rawPayload, Buffer.from(sppb.Pdf, 'base64'));
      const kode = a.dataRespon[1].billingPungutans[0].kodeBilling;
      const billing = await get(`/openapi/respon/billing?kodeBilling=${kode}`);
      assert.equal(billing.statusCode, 200, billing.body);
      assert.match((await PDFDocument.load(billing.rawPayload)).getKeywords() ?? '', /paid/);
      const form = await get(`/openapi/respon/cetak-formulir/final?nomorAju=${nomorAju}`);
      assert.equal(form.statusCode, 200, form.body);
      const tl = await get(`/sandbox/v1/pabean/${nomorAju}/timeline`);
      assert.equal(tl.statusCode, 200);
      assert.ok(tl.json().events.every((e: any) => e.due && e.delivered));
      assert.equal(tl.json().lifecycle.phase, 'scheduled');
      assert.equal(tl.json().billings[0].status, 'paid');
    });

    test('running numbers: unique per company and year, continued by the server', async () => {
      const lcs = await built.ctx.db.selectFrom('pabean_lifecycles').select(['company_id', 'nomor_daftar', 'tanggal_daftar']).where('nomor_aju', 'not like', '051000REFER0%').execute();
      const daftar = new Set(lcs.map((l) => `${l.company_id} ${l.nomor_daftar} ${new Date(Date.parse(l.tanggal_daftar!) + 7 * 3600_000).getUTCFullYear()}`));
      assert.equal(daftar.size, lcs.length, 'nomor daftar unique per company and year');
      const respon = await built.ctx.db.selectFrom('lifecycle_events').select(['company_id', 'payload']).where('kind', '=', 'respon').execute();
      const numbers = respon.map((r) => `${r.company_id} ${JSON.parse(r.payload).nomorRespon}`).filter((x) => !x.endsWith(' null'));
      assert.equal(new Set(numbers).size, numbers.length, 'nomor respon unique per company');
      // the next document of a seeded company continues its numbering
      const c2 = await login('seed2', 'seed', 'seed-key-2');
      const companyId = (await built.ctx.db.selectFrom('companies').select('id').where('npwp', '=', `9${'2'.padStart(14, '0')}`).executeTakeFirstOrThrow()).id;
      const sent = await built.app.inject({ method: 'POST', url: '/openapi/document?isFinal=true', headers: { ...c2, 'x-ceisa-lane': 'green', 'x-ceisa-billing': 'none' }, payload: { ...bc20Example(), nomorAju: `051000NEXT00${new Date().toISOString().slice(0, 10).replaceAll('-', '')}000001` } });
      assert.equal(sent.statusCode, 200, sent.body);
      const mine = await built.ctx.db.selectFrom('pabean_lifecycles').select(['document_id', 'nomor_daftar', 'tanggal_daftar']).where('company_id', '=', companyId).execute();
      const fresh = mine.find((l) => l.document_id === sent.json().idHeader)!;
      const y = (iso: string) => new Date(Date.parse(iso) + 7 * 3600_000).getUTCFullYear();
      const sameYear = mine.filter((l) => l !== fresh && y(l.tanggal_daftar!) === y(fresh.tanggal_daftar!)).map((l) => Number(l.nomor_daftar));
      assert.ok(sameYear.length > 0, 'seeded documents registered this year');
      assert.equal(Number(fresh.nomor_daftar), Math.max(...sameYear) + 1);
    });

    test('each company sees its own seeded documents only; the sample is the demo company spread over time', async () => {
      assert.equal(result.demoAjus.length, 10);
      assert.deepEqual([...result.demoAjus].sort(), result.demoAjus, 'oldest first');
      const docs = await built.ctx.db.selectFrom('pabean_documents').select(['nomor_aju', 'company_id', 'submitted_at']).where('nomor_aju', 'in', result.demoAjus).execute();
      assert.equal(docs.length, 10);
      assert.ok(docs.every((d) => d.company_id === demoId));
      const times = docs.map((d) => Date.parse(d.submitted_at!)).sort((a, b) => a - b);
      assert.ok(times.at(-1)! - times[0]! > 300 * 86_400_000, 'spread over the year');
      assert.ok(times.at(-1)! < Date.now() - 86_400_000, 'every timeline finished');
      const c3 = await login(`seed${COMPANIES}`, 'seed', `seed-key-${COMPANIES}`);
      assert.equal((await get(`/openapi/status/${result.demoAjus[0]}`, c3)).json().status, 'Failed');
      const own = await built.ctx.db.selectFrom('pabean_documents').innerJoin('companies', 'companies.id', 'pabean_documents.company_id').select('nomor_aju').where('companies.npwp', '=', `9${String(COMPANIES).padStart(14, '0')}`).executeTakeFirstOrThrow();
      assert.equal((await get(`/openapi/status/${own.nomor_aju}`, c3)).json().status, 'Success');
    });
  });
}
