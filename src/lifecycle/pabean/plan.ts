/**
 * A customs document's timeline as planned events (pure: no storage). Phase 1 runs from the
 * moment the document is final; phase 2 (registration, lane, release, done) runs from the
 * payment of its billing, or right after validation when nothing is to be paid.
 */
import type { PlannedEvent } from '../timeline.ts';
import { PROCESS, fullResponCode, type DocumentProfile, type Letter, type ProcessStatus } from './profiles.ts';
import type { Lane } from './rules.ts';
import { ymd } from './format.ts';

const S = 1000;
const M = 60 * S;
const H = 60 * M;
const D = 24 * H;

/** The offsets of the timeline (documented in docs/pabean-lifecycle.md). */
export const OFFSETS = {
  insw: 0,
  receipt: 30 * S,
  mandatory: 1 * M,
  validation: 2 * M,
  /** rejection or billing (phase 1 ends) */
  decision: 3 * M,
  /** phase 2, from the payment (or from the decision when nothing is to be paid) */
  register: 1 * M,
  ready: 2 * M,
  lane: 3 * M,
  firstLetter: 4 * M,
  greenRelease: 5 * M,
  yellowRelease: 2 * H,
  /** red lane letters after the first: +1h, +1d, +1d30m */
  redLetters: [1 * H, 1 * D, 1 * D + 30 * M],
  redRelease: 1 * D + 1 * H,
  gateOut: 1 * H,
  done: 1 * D,
};

export interface DocRef {
  nomorAju: string;
  kodeDokumen: string;
  revision: number;
}

export interface StatusPayload {
  nomorAju: string;
  kodeDokumen: string;
  revision: number;
  kodeStatus: string;
  kodeProses: string;
  keterangan: string;
  nomorDaftar: string | null;
  tanggalDaftar: string | null;
}

export interface ResponPayload {
  nomorAju: string;
  kodeDokumen: string;
  revision: number;
  /** 2-digit code of Referensi Respon */
  kode: string;
  /** live 4-digit form (kodeDokumen + kode) */
  kodeRespon: string;
  uraian: string;
  keterangan: string;
  template: Letter['template'];
  /** filled by the engine (running numbers) */
  nomorRespon: string | null;
  nomorDaftar: string | null;
  tanggalDaftar: string | null;
  lane: Lane | null;
  kodeBilling: string | null;
  pesan: { uraian1: string; uraian2: string }[];
}

export interface Registration {
  nomorDaftar: string;
  /** the instant of registration (tanggalDaftar is its WIB date) */
  at: Date;
}

function status(doc: DocRef, p: ProcessStatus, at: Date, reg: Registration | null, keterangan = p.keterangan): PlannedEvent {
  const payload: StatusPayload = {
    nomorAju: doc.nomorAju,
    kodeDokumen: doc.kodeDokumen,
    revision: doc.revision,
    kodeStatus: p.status,
    kodeProses: p.proses,
    keterangan,
    nomorDaftar: reg?.nomorDaftar ?? null,
    tanggalDaftar: reg ? ymd(reg.at) : null,
  };
  return { kind: 'status', code: p.proses, dueAt: at, payload: payload as unknown as Record<string, unknown> };
}

function respon(doc: DocRef, l: Letter, at: Date, reg: Registration | null, extra: Partial<ResponPayload> = {}): PlannedEvent {
  const payload: ResponPayload = {
    nomorAju: doc.nomorAju,
    kodeDokumen: doc.kodeDokumen,
    revision: doc.revision,
    kode: l.code,
    kodeRespon: fullResponCode(doc.kodeDokumen, l.code),
    uraian: l.uraian,
    keterangan: l.short,
    template: l.template,
    nomorRespon: null,
    nomorDaftar: reg?.nomorDaftar ?? null,
    tanggalDaftar: reg ? ymd(reg.at) : null,
    lane: null,
    kodeBilling: null,
    pesan: [],
    ...extra,
  };
  return { kind: 'respon', code: payload.kodeRespon, dueAt: at, payload: payload as unknown as Record<string, unknown> };
}

const at = (t0: Date, ms: number) => new Date(t0.getTime() + ms);

export type Phase1End = { kind: 'reject'; reasons: { uraian1: string; uraian2: string }[] } | { kind: 'billing'; letter: Letter; kodeBilling: string } | { kind: 'continue' };

/** Receipt, INSW, validation, then rejection, billing, or nothing (phase 2 follows at once). */
export function phase1(doc: DocRef, profile: DocumentProfile, t0: Date, end: Phase1End): PlannedEvent[] {
  const ev: PlannedEvent[] = [status(doc, PROCESS.insw!, at(t0, OFFSETS.insw), null), status(doc, PROCESS.receipt!, at(t0, OFFSETS.receipt), null)];
  if (profile.receipt) ev.push(respon(doc, profile.receipt, at(t0, OFFSETS.receipt), null));
  ev.push(status(doc, PROCESS.mandatory!, at(t0, OFFSETS.mandatory), null), status(doc, PROCESS.validation!, at(t0, OFFSETS.validation), null));
  const t = at(t0, OFFSETS.decision);
  if (end.kind === 'reject') {
    ev.push(status(doc, PROCESS.rejected!, t, null), respon(doc, profile.reject, t, null, { pesan: end.reasons }));
  } else if (end.kind === 'billing') {
    ev.push(respon(doc, end.letter, t, null, { kodeBilling: end.kodeBilling }), status(doc, PROCESS.billing!, t, null));
  }
  return ev;
}

/** When phase 2 starts for a document with nothing to pay. */
export function phase2StartWithoutBilling(t0: Date): Date {
  return at(t0, OFFSETS.decision);
}

/** The registration instant of a phase 2 starting at p. */
export function registrationAt(p: Date): Date {
  return at(p, OFFSETS.register);
}

/** Payment verification (if paid), registration, lane, lane letters, release, gate out, done. */
export function phase2(doc: DocRef, profile: DocumentProfile, p: Date, paid: boolean, lane: Lane, reg: Registration): PlannedEvent[] {
  const ev: PlannedEvent[] = [];
  if (paid) ev.push(status(doc, PROCESS.payment!, p, null));
  ev.push(respon(doc, profile.register, reg.at, reg), status(doc, PROCESS.registration!, reg.at, reg));
  if (!profile.release) {
    ev.push(status(doc, PROCESS.done!, at(p, OFFSETS.ready), reg));
    return ev;
  }
  ev.push(status(doc, PROCESS.ready!, at(p, OFFSETS.ready), reg), status(doc, PROCESS.lane!, at(p, OFFSETS.lane), reg));
  let releaseAt: Date;
  let release = profile.release;
  if (lane === 'green') {
    releaseAt = at(p, OFFSETS.greenRelease);
  } else if (lane === 'yellow') {
    const t = at(p, OFFSETS.firstLetter);
    ev.push(status(doc, PROCESS.docExam!, t, reg));
    profile.yellow.forEach((l, i) => ev.push(respon(doc, l, at(t, i * M), reg, { lane })));
    releaseAt = at(p, OFFSETS.yellowRelease);
  } else {
    const t = at(p, OFFSETS.firstLetter);
    ev.push(status(doc, PROCESS.physExam!, t, reg));
    profile.red.forEach((l, i) => ev.push(respon(doc, l, i === 0 ? t : at(p, OFFSETS.redLetters[i - 1] ?? OFFSETS.redLetters.at(-1)! + i * M), reg, { lane })));
    releaseAt = at(p, OFFSETS.redRelease);
    release = profile.redRelease ?? release;
  }
  ev.push(respon(doc, release, releaseAt, reg, { lane }), status(doc, PROCESS.release!, releaseAt, reg, `Penerbitan ${release.short}`));
  let end = releaseAt;
  if (profile.direction === 'import') {
    end = at(releaseAt, OFFSETS.gateOut);
    ev.push(status(doc, PROCESS.gateOut!, end, reg));
  }
  ev.push(status(doc, PROCESS.done!, at(releaseAt, OFFSETS.done), reg));
  return ev;
}
