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
      'Diklasifikasikan sebagai Normatif (5 hari kerja) oleh Dewi Sartika (tim1) · batas waktu Senin, 14 Desember 2026 pukul 16.00 WIB',
    );
    await i18next.changeLanguage('en');
    expect(auditSentence(classified, names, 'en')).toBe('Classified as Normative (5 working days) by Dewi Sartika (tim1) · due Monday, 14 December 2026 at 16:00 WIB');
    await i18next.changeLanguage('id');
  });
  it('says who was handed the complaint, and who is not staff', () => {
    const handover = line('complaint.assigned', { assignee: 'tim2', previous_assignee: 'tim1' }, 'petugas1');
    expect(auditSentence(handover, names, 'id')).toBe('Dialihkan dari Dewi Sartika (tim1) kepada Budi Santoso (tim2) oleh Ani Lestari (petugas1)');
    expect(auditSentence(line('complaint.received', { channel: 'web' }, 'public'), names, 'id')).toBe('Pengaduan diterima lewat situs web, dari warga');
    expect(auditSentence(line('sla.recomputed', {}, 'system:calendar'), names, 'id')).toBe('Batas waktu dihitung ulang oleh sistem');
    expect(auditSentence(line('complaint.closed', {}, 'meja9'), names, 'id')).toBe('Ditutup oleh meja9');
    const escalation = line('escalation.breach', {}, 'system:sla-sweep', { note: 'deadline 2026-12-07T16:00:00+07:00; notified role:supervisor' });
    expect(auditSentence(escalation, names, 'id')).toBe('Eskalasi: Batas waktu terlewati oleh sistem');
  });
  it('says the channel and who once each (issue 17 point 9)', async () => {
    const web = line('complaint.received', { channel: 'web' }, 'public');
    const phone = line('complaint.received', { channel: 'telepon' }, 'petugas1');
    const portal = line('audience.submitted', { channel: 'web' }, 'public');
    const desk = line('audience.submitted', { channel: 'front_desk' }, 'petugas1');
    expect(auditSentence(phone, names, 'id')).toBe('Pengaduan diterima lewat telepon oleh Ani Lestari (petugas1)');
    expect(auditSentence(portal, names, 'id')).toBe('Permohonan diterima lewat situs web, dari warga');
    expect(auditSentence(desk, names, 'id')).toBe('Permohonan diterima di meja depan oleh Ani Lestari (petugas1)');
    expect(auditSentence(line('complaint.answered', { channel: 'email' }), names, 'id')).toBe('Dijawab lewat surel oleh Dewi Sartika (tim1)');
    await i18next.changeLanguage('en');
    expect(auditSentence(web, names, 'en')).toBe('Complaint received through the website, from a citizen');
    expect(auditSentence(phone, names, 'en')).toBe('Complaint received over the telephone by Ani Lestari (petugas1)');
    expect(auditSentence(portal, names, 'en')).toBe('Request received through the website, from a citizen');
    await i18next.changeLanguage('id');
  });
  it('names an opened file by its kind and gives the reason, never the upload id', async () => {
    const opened = (kind: string, facts: Record<string, string>, note: string) =>
      line(`attachment.view.${kind}`, facts, 'petugas1', { note });
    const id = '01JF3Q8Z7K2M4N6P8R0T2V4X6Y';
    expect(auditSentence(opened('request_letter', { reason: 'Telaah' }, `${id}: Telaah`), names, 'id')).toBe(
      'Surat permohonan dibuka oleh Ani Lestari (petugas1) · “Telaah”',
    );
    expect(auditSentence(opened('identity', { reason: 'Verifikasi identitas' }, `${id}: Verifikasi identitas`), names, 'id')).toBe(
      'Kartu identitas dibuka oleh Ani Lestari (petugas1) · “Verifikasi identitas”',
    );
    // A line written before the reason was a fact: the id is taken off its note.
    const old = auditSentence(opened('evidence', {}, `${id}: Cek foto: lokasi`), names, 'id');
    expect(old).toBe('Bukti dibuka oleh Ani Lestari (petugas1) · “Cek foto: lokasi”');
    expect(old).not.toContain(id);
    await i18next.changeLanguage('en');
    expect(auditSentence(opened('identity', { reason: 'Check' }, `${id}: Check`), names, 'en')).toBe(
      'Identity card opened by Ani Lestari (petugas1) · “Check”',
    );
    await i18next.changeLanguage('id');
  });
  it('an old line without facts is a change of status with its note, never a code', () => {
    const old = line('complaint.classified', {}, 'tim1', { from: 'received', to: 'classified', note: 'unclassified -> normatif' });
    const text = auditSentence(old, names, 'id');
    expect(text).toBe('Status berubah dari Diterima menjadi Diklasifikasi oleh Dewi Sartika (tim1) · “unclassified -> normatif”');
    expect(text).not.toContain('complaint.');
  });
  it('says a schedule and a decline from their facts, the issued letter and who (issue 17)', async () => {
    const desk = { meja1: 'Rina Meja' };
    const scheduled = line(
      'audience.scheduled',
      { room: 'Ruang Melati', start: '2026-12-07T10:00:00+07:00', end: '2026-12-07T11:00:00+07:00', letter: '400.9/0001/Kesra/2026' },
      'meja1',
      { from: 'in_review', to: 'scheduled', note: 'Ruang Melati; letter 400.9/0001/Kesra/2026' },
    );
    expect(auditSentence(scheduled, desk, 'id')).toBe('Dijadwalkan di Ruang Melati, Senin, 7 Desember 2026, 10.00–11.00 WIB; surat 400.9/0001/Kesra/2026 diterbitkan oleh Rina Meja (meja1)');
    const declined = line(
      'audience.declined',
      { reason: 'Agenda pimpinan penuh sampai Januari 2027.', letter: '400.9/0002/Kesra/2026' },
      'meja1',
      { from: 'in_review', to: 'declined', note: 'Agenda pimpinan penuh sampai Januari 2027.; letter 400.9/0002/Kesra/2026' },
    );
    expect(auditSentence(declined, desk, 'id')).toBe('Tidak difasilitasi: Agenda pimpinan penuh sampai Januari 2027; surat 400.9/0002/Kesra/2026 diterbitkan oleh Rina Meja (meja1)');
    await i18next.changeLanguage('en');
    expect(auditSentence(scheduled, desk, 'en')).toBe('Scheduled in Ruang Melati, Monday, 7 December 2026, 10:00–11:00 WIB; letter 400.9/0001/Kesra/2026 issued by Rina Meja (meja1)');
    expect(auditSentence(declined, desk, 'en')).toBe('Not facilitated: Agenda pimpinan penuh sampai Januari 2027; letter 400.9/0002/Kesra/2026 issued by Rina Meja (meja1)');
    await i18next.changeLanguage('id');
  });
  it('reads a schedule line written with an empty letter number, or no facts, without "letter"', () => {
    const desk = { meja1: 'Rina Meja' };
    const emptyNumber = line(
      'audience.scheduled',
      { room: 'Ruang Melati', start: '2026-12-07T10:00:00+07:00', letter: '' },
      'meja1',
      { from: 'in_review', to: 'scheduled', note: 'Ruang Melati; letter 400.9/0001/Kesra/2026' },
    );
    expect(auditSentence(emptyNumber, desk, 'id')).toBe('Dijadwalkan di Ruang Melati, Senin, 7 Desember 2026 pukul 10.00 WIB; surat 400.9/0001/Kesra/2026 diterbitkan oleh Rina Meja (meja1)');
    const bare = line('audience.declined', {}, 'meja1', { from: 'in_review', to: 'declined', note: 'Di luar kewenangan.; letter 400.9/0002/Kesra/2026' });
    const text = auditSentence(bare, desk, 'id');
    expect(text).toBe('Status berubah dari Ditelaah menjadi Tidak difasilitasi oleh Rina Meja (meja1) · “Di luar kewenangan.; surat 400.9/0002/Kesra/2026”');
    expect(text).not.toMatch(/\bletter\b/);
  });
  it('names the answer letter of a complaint', () => {
    const answered = line('complaint.answered', { channel: 'surat', letter: '400.9/0003/Kesra/2026' });
    expect(auditSentence(answered, names, 'id')).toBe('Dijawab lewat surat; surat 400.9/0003/Kesra/2026 diterbitkan oleh Dewi Sartika (tim1)');
  });
});
