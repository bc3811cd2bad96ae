import { testApp } from './test/helpers/app.ts';
import SQLite from 'better-sqlite3';
const proto = Object.getPrototypeOf(new SQLite(':memory:').prepare('select 1'));
const counts = new Map<string, number>();
for (const m of ['all', 'get', 'run']) { const o = proto[m]; proto[m] = function (...a: unknown[]) { counts.set(this.source, (counts.get(this.source) ?? 0) + 1); return o.apply(this, a); }; }
const t = await testApp('sqlite');
const h = await t.login();
for (let i = 0; i < 3; i++) await t.inject({ method: 'GET', url: '/openapi/status?idPerusahaan=012345678901234', headers: h });
counts.clear();
const r = await t.inject({ method: 'GET', url: '/openapi/status?idPerusahaan=012345678901234', headers: h });
console.log(r.statusCode, r.body, [...counts]);
await t.close();
