import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/db.ts';
import { testApp, type TestApp } from '../helpers/app.ts';
import { documentTypes, synthesizeDocument, pageExample, sampleNomorAju } from '../../src/schemas/index.ts';
import { onDocumentSubmitted, type SubmittedDocument } from '../../src/services/pabean/submitted.ts';

type Doc = Record<string, any>;
const synth = (id: string, opts: Parameters<typeof synthesizeDocument>[1] = {}): Doc => synthesizeDocument(id, opts);
const example = (id: string): Doc => pageExample(id)!;

/** Every submission the lifecycle seam sees (registered once for this test process). */
const submitted: Array<SubmittedDocument & { inTransaction: boolean }> = [];
let failNextSubmit = false;
onDocumentSubmitted(async (trx, _ctx, doc) => {
  // the listener runs inside the transaction that writes the document: the row is visible through trx
  const row = await trx.selectFrom('pabean_documents').select(['state', 'revision']).where('id', '=', doc.id).executeTakeFirst();
  submitted.push({ ...doc, inTransaction: row?.state === 'final' && row.revision === doc.revision });
  if (failNextSubmit) {
    failNextSubmit = false;
    throw new Error('lifecycle refused');
  }
});

let seq = 0;
const nextAju = (kd: string) => sampleNomorAju(kd, ++seq + Math.floor(Math.random() * 1000) * 1000);

for (const engine of ENGINES) {
  describe(`Kirim Dokumen (${engine})`, () => {
    let app: TestApp;
    let h: Record<string, string>;
    before(async () => {
      app = await testApp(engine);
      h = await app.login();
    });
    after(async () => app.close());

    const send = (body: unknown, query = '', headers: Record<string, string> = {}, prefix = '/openapi') =>
      app.inject({ method: 'POST', url: `${prefix}/document${query}`, headers: { ...h, ...headers }, payload: body as object });
    const rows = async (aju?: string) => {
      let q = app.ctx.db.selectFrom('pabean_documents').selectAll();
      if (aju) q = q.where('nomor_aju', '=', aju);
      return q.execute();
    };
    const versionRows = async (id: string) => app.ctx.db.selectFrom('pabean_document_versions').selectAll().where('document_id', '=', id).orderBy('created_at').execute();

    test('a valid document of every type is accepted as draft and as final, under /openapi and /v2/openapi', async () => {
      for (const t of documentTypes()) {
        for (const [query, state, prefix] of [['', 'draft', '/openapi'], ['?isFinal=true', 'final', '/v2/openapi']] as const) {
          const aju = nextAju(t.kodeDokumen);
          const res = await send(synthesizeDocument(t, { nomorAju: aju }), query, {}, prefix);
          assert.equal(res.statusCode, 200, `${t.id} ${state}: ${res.body}`);
          const body = res.json();
          assert.deepEqual(Object.keys(body), ['status', 'message', 'idHeader']);
          assert.equal(body.status, 'OK');
          assert.equal(body.message, 'Sukses, Data Berhasil Ditambahkan');
          assert.match(body.idHeader, /^[0-9a-f-]{36}$/);
          assert.equal(res.headers['x-ceisa-schema-version'], `${t.id}@${t.defaultVersion}`);
          const [row] = await rows(aju);
          assert.equal(row!.id, body.idHeader);
          assert.equal(row!.state, state);
          assert.equal(row!.kode_dokumen, t.kodeDokumen);
          assert.equal(row!.schema_version, `${t.id}@${t.defaultVersion}`);
          assert.equal(row!.revision, 0);
          assert.equal(row!.submitted_at === null, state === 'draft');
        }
      }
    });

    test("the docs pages' examples are accepted as sent (BC 2.0 as printed, BC 3.0 by its older schema)", async () => {
      // the BC 2.0 and BC 3.0 examples share one nomorAju: the BC 3.0 one is sent by another company
      const other = await app.otherCompany();
      for (const [id, version] of [['bc20', 'bc20@0.5.7.18'], ['bc30', 'bc30@0.5.23'], ['bc27', 'bc27@0.9'], ['bc40', 'bc40@0.5']]) {
        const res = await send(example(id), '?isFinal=true', id === 'bc30' ? other.headers : {});
        assert.equal(res.statusCode, 200, `${id}: ${res.body}`);
        assert.equal(res.headers['x-ceisa-schema-version'], version);
      }
    });

    test('rejections carry DJBC codes and pointers, and store nothing', async () => {
      const before = (await rows()).length;
      const d = synth('bc20', { nomorAju: nextAju('20') });
      d.asalData = 'H'; // 1042
      d.disclaimer = 'Y'; // 1008
      delete d.netto; // 1028
      d.entitas[0].kodeEntitas = '7'; // 1042, positional
      const res = await send(d, '?isFinal=true');
      assert.equal(res.statusCode, 400);
      const body = res.json();
      assert.equal(body.status, 'Failed');
      assert.match(body.message, /^Data tidak sesuai JSON Schema \(bc20@0\.5\.7\.18\): 4 kesalahan\./);
      assert.deepEqual(
        body.errors.map((e: Doc) => [e.field, e.code, e.rule]).sort(),
        [
          ['/asalData', 1042, 'const'],
          ['/disclaimer', 1008, 'enum'],
          ['/entitas/0/kodeEntitas', 1042, 'const'],
          ['/netto', 1028, 'required'],
        ],
      );
      assert.equal(body.errors.find((e: Doc) => e.field === '/asalData').message, 'Asal pengiriman data secara Host to Host: S');
      const bad = synth('bc23', { nomorAju: 'NOT-A-NOMOR-AJU' });
      const r2 = await send(bad);
      assert.equal(r2.statusCode, 400);
      assert.deepEqual(r2.json().errors.map((e: Doc) => [e.field, e.code]), [['/nomorAju', 1023]]);
      const arr = await send([d]);
      assert.equal(arr.statusCode, 400);
      assert.deepEqual(arr.json().errors.map((e: Doc) => [e.field, e.code]), [['', 1029]]);
      assert.equal((await rows()).length, before);
      // a rejected replacement of an existing draft leaves the draft and its history untouched
      const aju = nextAju('25');
      const draft = synth('bc25', { nomorAju: aju });
      assert.equal((await send(draft)).statusCode, 200);
      const refused = await send({ ...draft, asalData: 'X', netto: 'berat' });
      assert.equal(refused.statusCode, 400);
      const [row] = await rows(aju);
      assert.deepEqual(JSON.parse(row!.body), draft);
      assert.equal((await versionRows(row!.id)).length, 0);
    });

    test('the one-element items rule is enforced on the second barang over HTTP', async () => {
      const d = synth('bc25', { nomorAju: nextAju('25') });
      delete d.barang[1].uraian;
      const res = await send(d);
      assert.equal(res.statusCode, 400);
      assert.deepEqual(res.json().errors.map((e: Doc) => [e.field, e.code]), [['/barang/1/uraian', 1028]]);
    });

    test('fields the schema does not list are stored verbatim', async () => {
      const aju = nextAju('20');
      const d: Doc = { ...example('bc20'), nomorAju: aju, flagSsm: 'T', kodeKenaPajak: '1', extra: { nested: [1, 'two', null] } };
      d.barang = d.barang.map((b: Doc, i: number) => ({ ...b, kodeBarang: `SKU-${i}` }));
      const res = await send(d, '?isFinal=true');
      assert.equal(res.statusCode, 200, res.body);
      const [row] = await rows(aju);
      assert.deepEqual(JSON.parse(row!.body), d);
    });

    test('a nomorAju used for one kind of document cannot be reused for another', async () => {
      const aju = nextAju('25');
      assert.equal((await send(synth('bc25', { nomorAju: aju }))).statusCode, 200);
      const other = await send(synth('bc262', { nomorAju: aju }));
      assert.equal(other.statusCode, 409);
      assert.equal(other.json().errors[0].field, '/kodeDokumen');
      assert.equal((await rows(aju))[0]!.kode_dokumen, '25');
    });

    test('query flags are parsed strictly (isFinal=maybe is refused)', async () => {
      const res = await send(synth('bc25', { nomorAju: nextAju('25') }), '?isFinal=maybe');
      assert.equal(res.statusCode, 400);
      assert.equal(res.json().errors[0].field, '/querystring/isFinal');
    });

    test('drafts are replaced (old body kept); a final nomorAju is a duplicate', async () => {
      const aju = nextAju('27');
      const first = synth('bc27', { nomorAju: aju });
      const r1 = await send(first);
      assert.equal(r1.statusCode, 200);
      const second = { ...first, namaTtd: 'PENGGANTI' };
      const r2 = await send(second);
      assert.equal(r2.statusCode, 200);
      assert.equal(r2.json().idHeader, r1.json().idHeader);
      const [row] = await rows(aju);
      assert.equal(row!.state, 'draft');
      assert.equal(JSON.parse(row!.body).namaTtd, 'PENGGANTI');
      let versions = await versionRows(row!.id);
      assert.equal(versions.length, 1);
      assert.deepEqual(JSON.parse(versions[0]!.body), first);
      assert.equal(versions[0]!.state, 'draft');
      // the draft becomes final
      const n = submitted.length;
      const r3 = await send(second, '?isFinal=true');
      assert.equal(r3.statusCode, 200);
      assert.equal(r3.json().idHeader, r1.json().idHeader);
      assert.equal((await rows(aju))[0]!.state, 'final');
      assert.equal(submitted.length, n + 1);
      // sending it again, draft or final, is a duplicate
      for (const q of ['', '?isFinal=true']) {
        const dup = await send(second, q);
        assert.equal(dup.statusCode, 409, dup.body);
        assert.equal(dup.json().status, 'Failed');
        assert.equal(dup.json().errors[0].field, '/nomorAju');
        assert.match(dup.json().message, /sudah digunakan/);
      }
      versions = await versionRows(row!.id);
      assert.equal(versions.length, 2);
      assert.equal(submitted.length, n + 1);
    });

    test('revisions: final only, revision+1, old body kept; draft, unknown and BC 2.0 refused', async () => {
      const aju = nextAju('30');
      const doc = synth('bc30', { nomorAju: aju });
      const draft = await send(doc);
      assert.equal(draft.statusCode, 200);
      const early = await send(doc, '?isRevision=true');
      assert.equal(early.statusCode, 409);
      assert.match(early.json().message, /masih draft/);
      assert.equal((await send(doc, '?isFinal=true')).statusCode, 200);
      const n = submitted.length;
      const revised = { ...doc, namaTtd: 'REVISI 1' };
      const r = await send(revised, '?isFinal=true&isRevision=true', { 'x-ceisa-lane': 'red', 'X-Ceisa-Outcome': 'reject', 'x-other': 'no' });
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().idHeader, draft.json().idHeader);
      const [row] = await rows(aju);
      assert.equal(row!.revision, 1);
      assert.equal(JSON.parse(row!.body).namaTtd, 'REVISI 1');
      const versions = await versionRows(row!.id);
      assert.deepEqual(versions.map((v) => [v.state, v.revision]), [['draft', 0], ['final', 0]]);
      const ev = submitted[n]!;
      assert.equal(submitted.length, n + 1);
      assert.equal(ev.isRevision, true);
      assert.equal(ev.revision, 1);
      assert.equal(ev.nomorAju, aju);
      assert.equal(ev.kodeDokumen, '30');
      assert.equal(ev.kodeKantor, doc.kodeKantor);
      assert.deepEqual(ev.hints, { 'x-ceisa-lane': 'red', 'x-ceisa-outcome': 'reject' });
      assert.equal(ev.inTransaction, true);
      assert.deepEqual(ev.body, revised);
      // isRevision alone also revises
      assert.equal((await send({ ...doc, namaTtd: 'REVISI 2' }, '?isRevision=true')).statusCode, 200);
      assert.equal((await rows(aju))[0]!.revision, 2);

      const unknown = await send(synth('bc30', { nomorAju: nextAju('30') }), '?isRevision=true');
      assert.equal(unknown.statusCode, 404);
      assert.match(unknown.json().message, /tidak ditemukan/);

      const aju20 = nextAju('20');
      assert.equal((await send({ ...example('bc20')!, nomorAju: aju20 }, '?isFinal=true')).statusCode, 200);
      const r20 = await send({ ...example('bc20')!, nomorAju: aju20 }, '?isRevision=true');
      assert.equal(r20.statusCode, 400);
      assert.match(r20.json().message, /isRevision hanya berlaku/);
      assert.equal((await rows(aju20))[0]!.revision, 0);
    });

    test('the lifecycle listener gets the company-clock submit time; its failure rolls the write back', async () => {
      const companyId = (await app.ctx.accounts.findCompany('012345678901234'))!.id;
      await app.ctx.clock.freeze(companyId, new Date('2026-03-01T02:00:00Z'));
      try {
        const aju = nextAju('40');
        const n = submitted.length;
        assert.equal((await send(synth('bc40', { nomorAju: aju }), '?isFinal=true')).statusCode, 200);
        assert.equal(submitted[n]!.submittedAt.toISOString(), '2026-03-01T02:00:00.000Z');
        assert.equal((await rows(aju))[0]!.submitted_at, '2026-03-01T02:00:00.000Z');

        const aju2 = nextAju('40');
        failNextSubmit = true;
        const res = await send(synth('bc40', { nomorAju: aju2 }), '?isFinal=true');
        assert.equal(res.statusCode, 500);
        assert.equal((await rows(aju2)).length, 0);
      } finally {
        await app.ctx.clock.reset(companyId);
      }
    });

    test('concurrent sends of one nomorAju: one final wins, the rest are duplicates; drafts all land as replacements', async () => {
      const aju = nextAju('41');
      const doc = synth('bc41', { nomorAju: aju });
      const finals = await Promise.all(Array.from({ length: 6 }, () => send(doc, '?isFinal=true')));
      const codes = finals.map((r) => r.statusCode).sort();
      assert.deepEqual(codes, [200, 409, 409, 409, 409, 409], finals.map((r) => r.body).join('\n'));
      assert.equal((await rows(aju)).length, 1);

      const aju2 = nextAju('41');
      const drafts = await Promise.all(Array.from({ length: 5 }, (_, i) => send({ ...doc, nomorAju: aju2, namaTtd: `N${i}` })));
      assert.deepEqual(drafts.map((r) => r.statusCode), [200, 200, 200, 200, 200], drafts.map((r) => r.body).join('\n'));
      assert.equal(new Set(drafts.map((r) => r.json().idHeader)).size, 1);
      const [row] = await rows(aju2);
      assert.equal((await versionRows(row!.id)).length, 4);
    });

    test('POST /document/check validates without storing', async () => {
      const before = (await rows()).length;
      const ok = await app.inject({ method: 'POST', url: '/v2/openapi/document/check', headers: h, payload: example('bc30')! });
      assert.equal(ok.statusCode, 200);
      assert.deepEqual({ ...(ok.json() as Doc), warnings: undefined }, {
        status: 'OK',
        message: 'Sukses, Data Sesuai JSON Schema',
        kodeDokumen: '30',
        jenisDokumen: 'bc30',
        schemaVersion: 'bc30@0.5.23',
        tried: ['bc30@0.5.28', 'bc30@0.5.23'],
        warnings: undefined,
      });
      const pinned = await app.inject({ method: 'POST', url: '/openapi/document/check', headers: { ...h, 'x-ceisa-schema-version': '0.5.28' }, payload: example('bc30')! });
      assert.equal(pinned.statusCode, 400);
      assert.equal(pinned.headers['x-ceisa-schema-version'], 'bc30@0.5.28');
      assert.ok(pinned.json().errors.some((e: Doc) => e.field === '/flagBarkir' && e.code === 1028));
      const unknownVersion = await app.inject({ method: 'POST', url: '/openapi/document/check', headers: { ...h, 'x-ceisa-schema-version': '7.7' }, payload: example('bc30')! });
      assert.equal(unknownVersion.statusCode, 400);
      assert.equal(unknownVersion.json().errors[0].field, '/headers/x-ceisa-schema-version');
      assert.equal((await rows()).length, before);
    });

    test('tenancy: another company may use the same nomorAju, cannot revise or read ours', async () => {
      const other = await app.otherCompany();
      const aju = nextAju('23');
      const doc = synth('bc23', { nomorAju: aju });
      const mine = await send(doc, '?isFinal=true');
      assert.equal(mine.statusCode, 200);
      // their revision of "our" nomorAju answers as for an unknown document
      const rev = await app.inject({ method: 'POST', url: '/openapi/document?isRevision=true', headers: other.headers, payload: doc });
      assert.equal(rev.statusCode, 404);
      // their own document with the same nomorAju is theirs
      const theirs = await app.inject({ method: 'POST', url: '/openapi/document', headers: other.headers, payload: { ...doc, namaTtd: 'LAIN' } });
      assert.equal(theirs.statusCode, 200);
      assert.notEqual(theirs.json().idHeader, mine.json().idHeader);
      const all = await rows(aju);
      assert.equal(all.length, 2);
      assert.equal(JSON.parse(all.find((r) => r.id === mine.json().idHeader)!.body).namaTtd, doc.namaTtd);
      // detail: ours for us; for them (not named in it) exactly like a missing document
      const url = `/v2/openapi/document/detail/23/${aju}/${doc.kodeKantor}`;
      const d1 = await app.inject({ method: 'GET', url, headers: h });
      assert.equal(d1.statusCode, 200);
      assert.equal(d1.json().idHeader, mine.json().idHeader);
      assert.deepEqual(d1.json().data, doc);
      const other2 = await app.otherCompany();
      const d2 = await app.inject({ method: 'GET', url, headers: other2.headers });
      const missing = await app.inject({ method: 'GET', url: `/v2/openapi/document/detail/23/${nextAju('23')}/${doc.kodeKantor}`, headers: other2.headers });
      assert.equal(d2.statusCode, 404);
      assert.deepEqual(d2.json(), missing.json());
      assert.deepEqual(d2.json(), { status: 'Failed', message: 'Data Tidak Ditemukan' });
    });

    test('detail: a sent BC 2.7 is visible to the receiving TPB named in it, not while a draft', async () => {
      const receiver = await app.otherCompany();
      const aju = nextAju('27');
      const doc = synth('bc27', { nomorAju: aju });
      doc.entitas[doc.entitas.length - 1].nomorIdentitas = receiver.npwp;
      assert.equal((await send(doc)).statusCode, 200);
      const url = `/openapi/document/detail/27/${aju}/${doc.kodeKantor}`;
      assert.equal((await app.inject({ method: 'GET', url, headers: receiver.headers })).statusCode, 404);
      assert.equal((await send(doc, '?isFinal=true')).statusCode, 200);
      const seen = await app.inject({ method: 'GET', url, headers: receiver.headers });
      assert.equal(seen.statusCode, 200, seen.body);
      assert.equal(seen.json().status, 'OK');
      assert.equal(seen.json().data.nomorAju, aju);
      // wrong kantor or kind: not found; a kind other than 23/27: 400
      assert.equal((await app.inject({ method: 'GET', url: `/openapi/document/detail/27/${aju}/999999`, headers: receiver.headers })).statusCode, 404);
      assert.equal((await app.inject({ method: 'GET', url: `/openapi/document/detail/23/${aju}/${doc.kodeKantor}`, headers: receiver.headers })).statusCode, 404);
      const kind = await app.inject({ method: 'GET', url: `/openapi/document/detail/20/${aju}/${doc.kodeKantor}`, headers: receiver.headers });
      assert.equal(kind.statusCode, 400);
      assert.equal(kind.json().errors[0].field, '/params/jenisDokumen');
    });

    test('without credentials nothing is read or stored', async () => {
      const before = (await rows()).length;
      const res = await app.inject({ method: 'POST', url: '/openapi/document?isFinal=true', payload: synth('bc16') });
      assert.equal(res.statusCode, 401);
      const noToken = await app.inject({ method: 'POST', url: '/openapi/document', headers: { 'beacukai-api-key': 'demo-key' }, payload: synth('bc16') });
      assert.equal(noToken.statusCode, 401);
      assert.equal(noToken.json().status, 'Failed');
      assert.equal((await rows()).length, before);
    });
  });

  describe(`strict draft-07 tuple switch (${engine})`, () => {
    test('with strictTupleItems (CEISA_STRICT_TUPLE_ITEMS=1) only the first barang is checked', async () => {
      const strict = await testApp(engine, {}, { CEISA_STRICT_TUPLE_ITEMS: '1' });
      try {
        assert.equal(strict.config.strictTupleItems, true);
        const headers = await strict.login();
        const d = synth('bc25', { nomorAju: nextAju('25') });
        delete d.barang[1].uraian;
        const ok = await strict.inject({ method: 'POST', url: '/openapi/document', headers, payload: d });
        assert.equal(ok.statusCode, 200, ok.body);
        delete d.barang[0].uraian;
        const bad = await strict.inject({ method: 'POST', url: '/openapi/document', headers, payload: d });
        assert.equal(bad.statusCode, 400);
        assert.deepEqual(bad.json().errors.map((e: Doc) => [e.field, e.code]), [['/barang/0/uraian', 1028]]);
      } finally {
        await strict.close();
      }
    });
  });
}
