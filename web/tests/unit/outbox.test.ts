import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../src/staff/i18n/en';
import id from '../../src/staff/i18n/id';
import { outboxState } from '../../src/staff/lib/outbox';

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
