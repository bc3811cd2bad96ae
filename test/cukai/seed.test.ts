import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ENGINES } from '../helpers/db.ts';
import { testApp } from '../helpers/app.ts';
import { buildApp } from '../../src/app.ts';
import { counts, multipart, perbaikanExampleParts } from './helpers.ts';

for (const engine of ENGINES) {
  test(`cukai demo seed is idempotent and never undoes what a user did (${engine})`, async () => {
    const app = await testApp(engine);
    try {
      const h = await app.login();
      const masters = async (db = app.ctx.db) => ({
        nppbkc: Number((await db.selectFrom('cukai_nppbkc').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
        merk: Number((await db.selectFrom('cukai_merk').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
        tarif: Number((await db.selectFrom('cukai_tarif_merk').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
        kuasa: Number((await db.selectFrom('cukai_kuasa').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n),
      });
      const m1 = await masters();
      assert.deepEqual(m1, { nppbkc: 7, merk: 32, tarif: 31, kuasa: 3 });
      const { payload, headers } = multipart(perbaikanExampleParts('mmea'));
      assert.equal((await app.inject({ method: 'POST', url: '/portal/ck4/perbaikan-mmea', headers: { ...h, ...headers }, payload })).statusCode, 200);
      const c1 = await counts(app);

      // a second start on the same database (the seed runs on every start)
      const again = await buildApp(app.config, { logger: false });
      try {
        await again.app.ready();
        assert.deepEqual(await masters(again.ctx.db), m1);
        assert.deepEqual(await counts(app), c1);
        const d = await again.app.inject({ method: 'GET', url: '/portal/ck4/detail-mmea?idCk4=f88e8632-1b93-4417-92bd-f64390769e6e', headers: h });
        assert.equal(d.json().data.status, 'Selesai (Perbaikan)');
        assert.equal(d.json().data.nomorSurat, 'TEST/PERBAIK/01');
      } finally {
        await again.app.close();
      }
    } finally {
      await app.close();
    }
  });
}
