import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../src/staff/i18n/en';
import id from '../../src/staff/i18n/id';
import { noticeLine, outboxState } from '../../src/staff/lib/outbox';

beforeAll(async () => {
  await i18next.init({ lng: 'id', resources: { id: { translation: id }, en: { translation: en } }, interpolation: { escapeValue: false } });
});

describe('the notification outbox says its states in words (fresh-user trial: raw "pending")', () => {
  it('in Indonesian and English, with the delivery report when there is one', async () => {
    await i18next.changeLanguage('id');
    expect(outboxState('pending', null)).toBe('Menunggu dikirim');
    expect(outboxState('sent', 'sent')).toBe('Terkirim');
    expect(outboxState('sent', 'read')).toBe('Terkirim · dibaca');
    expect(outboxState('failed', null)).toBe('Gagal');
    await i18next.changeLanguage('en');
    expect(outboxState('pending', null)).toBe('Waiting to be sent');
    expect(outboxState('sent', 'delivered')).toBe('Sent · delivered');
    await i18next.changeLanguage('id');
  });
});

describe("the complaint's conversation says a notice's state as the outbox does (trial 2: 'terkirim · menunggu dikirim')", () => {
  it('a sent e-mail without a channel report reads Terkirim, never "waiting"', async () => {
    await i18next.changeLanguage('id');
    expect(noticeLine('sent', null)).toBe('Pemberitahuan · Terkirim');
    expect(noticeLine('pending', null)).toBe('Pemberitahuan · Menunggu dikirim');
    expect(noticeLine('sent', 'read')).toBe('Pemberitahuan · Terkirim · dibaca');
    expect(noticeLine('failed', null)).toBe('Pemberitahuan · Gagal');
    expect(noticeLine('sent', null)).not.toContain('menunggu');
    await i18next.changeLanguage('en');
    expect(noticeLine('sent', null)).toBe('Notice · Sent');
    await i18next.changeLanguage('id');
  });
});
