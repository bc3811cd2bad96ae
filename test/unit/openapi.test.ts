import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testApp } from '../helpers/app.ts';

test('OpenAPI: every route is published; bodies validated by handlers are documented too', async () => {
  const t = await testApp('sqlite');
  try {
    const doc = (await t.inject({ method: 'GET', url: '/openapi.json' })).json() as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, unknown> } }>> };
    const rekam = doc.paths['/portal/ck4/rekam-ht']!.post!;
    assert.ok(rekam.requestBody?.content['application/json'], 'Rekam HT body is documented');
    const perbaikan = doc.paths['/portal/ck4/perbaikan-ht']!.post!;
    assert.ok(perbaikan.requestBody?.content['multipart/form-data'], 'Perbaikan HT is documented as a multipart form');
    const xray = doc.paths['/openapi/cnpibk/xray/kirim-foto-xray']!.post!;
    assert.ok(xray, 'X-ray kirim is published');
    assert.ok(doc.paths['/openapi/status/{nomorAju}']?.get, 'path parameters are published in OpenAPI form');
  } finally {
    await t.close();
  }
});

test('a documented-only body is not validated by the route (the handler validates it)', async () => {
  const t = await testApp('sqlite');
  try {
    const h = await t.login();
    const r = await t.inject({ method: 'POST', url: '/portal/ck4/rekam-ht', headers: { ...h, 'content-type': 'application/json' }, payload: { nonsense: true } });
    assert.equal(r.statusCode, 400);
    const body = r.json() as { status: boolean; message: string };
    assert.equal(body.status, false, 'the excise envelope, from the handler');
  } finally {
    await t.close();
  }
});
