import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../src/staff/i18n/en';
import id from '../../src/staff/i18n/id';
import { auditSentence } from '../../src/staff/features/item-detail/parts';

type Line = Parameters<typeof auditSentence>[0];
const line = (action: string, facts: Record<string, string>, actor = 'tim1', extra: Partial<Line> = {}): Line => ({
  at: '2026-12-07T09:00:00+07:00',
  actor,
  action,
  from: null,
  to: null,
  note: null,
  facts,
  ...extra,
});
const names = { tim1: 'Dewi Sartika', tim2: 'Budi Santoso', petugas1: 'Ani Lestari' };

beforeAll(async () => {
  await i18next.init({ lng: 'id', resources: { id: { translation: id }, en: { translation: en } }, interpolation: { escapeValue: false } });
});

describe('audit lines read as sentences', () => {
  it('does not name the reporter twice when the sentence already names them', () => {
    expect(auditSentence(line('complaint.resumed', {}, 'reporter'), names, 'id')).toBe('Pelapor menjawab; waktu layanan berjalan lagi');
    expect(auditSentence(line('complaint.message', {}, 'reporter'), names, 'id')).toBe('Pesan dari pelapor');
    // Staff resuming on the reporter's behalf is still named.
    expect(auditSentence(line('complaint.resumed', {}, 'tim1'), names, 'id')).toBe('Pelapor menjawab; waktu layanan berjalan lagi oleh Dewi Sartika (tim1)');
  });
  it('names the class and the person, in Indonesian and English', async () => {
    await i18next.changeLanguage('id');
    const classified = line('complaint.classified', { class: 'normatif', due: '2026-12-14T16:00:00+07:00' });
    expect(auditSentence(classified, names, 'id')).toBe(
      'Diklasifikasikan sebagai Normatif oleh Dewi Sartika (tim1) · batas waktu Senin, 14 Desember 2026 pukul 16.00 WIB',
    );
    await i18next.changeLanguage('en');
    expect(auditSentence(classified, names, 'en')).toBe('Classified as Normative by Dewi Sartika (tim1) · due Monday, 14 December 2026 at 16:00 WIB');
    await i18next.changeLanguage('id');
  });
  it('says who was handed the complaint, and who is not staff', () => {
    const handover = line('complaint.assigned', { assignee: 'tim2', previous_assignee: 'tim1' }, 'petugas1');
    expect(auditSentence(handover, names, 'id')).toBe('Dialihkan dari Dewi Sartika (tim1) kepada Budi Santoso (tim2) oleh Ani Lestari (petugas1)');
    expect(auditSentence(line('complaint.received', { channel: 'web' }, 'public'), names, 'id')).toBe('Pengaduan diterima lewat Situs web oleh warga lewat portal');
    expect(auditSentence(line('sla.recomputed', {}, 'system:calendar'), names, 'id')).toBe('Batas waktu dihitung ulang oleh sistem');
    expect(auditSentence(line('complaint.closed', {}, 'meja9'), names, 'id')).toBe('Ditutup oleh meja9');
    const escalation = line('escalation.breach', {}, 'system:sla-sweep', { note: 'deadline 2026-12-07T16:00:00+07:00; notified role:supervisor' });
    expect(auditSentence(escalation, names, 'id')).toBe('Eskalasi: Batas waktu terlewati oleh sistem');
  });
  it('an old line without facts is a change of status with its note, never a code', () => {
    const old = line('complaint.classified', {}, 'tim1', { from: 'received', to: 'classified', note: 'unclassified -> normatif' });
    const text = auditSentence(old, names, 'id');
    expect(text).toBe('Status berubah dari Diterima menjadi Diklasifikasi oleh Dewi Sartika (tim1) · “unclassified -> normatif”');
    expect(text).not.toContain('complaint.');
  });
});
