/**
 * i18n on i18next: one catalogue per language and entry (Indonesian bundled as the default,
 * English loaded on demand), the reader's choice kept in localStorage. Keys are typed by the
 * Indonesian catalogue through `Translator`.
 */
import i18next from 'i18next';

export type Language = 'id' | 'en';
export const LANGUAGES: readonly Language[] = ['id', 'en'];
const STORAGE_KEY = 'kesra.lang';

/** A catalogue: nested objects of strings; `{{name}}` interpolates. */
export interface Catalogue {
  [key: string]: string | Catalogue;
}

/** Dotted paths of a catalogue's leaves: `home.title`. */
export type Leaves<T> = {
  [K in keyof T & string]: T[K] extends string ? K : `${K}.${Leaves<T[K]>}`;
}[keyof T & string];

export type Translator<C> = (key: Leaves<C>, values?: Record<string, string | number>) => string;

const listeners = new Set<(lang: Language) => void>();

export function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    if (value === 'en' || value === 'id') return value;
  } catch {
    /* storage blocked: Indonesian */
  }
  return 'id';
}

export function currentLanguage(): Language {
  const lang = i18next.language;
  return lang === 'en' ? 'en' : 'id';
}

/**
 * Start i18n with the entry's catalogues; resolves once the stored language is loaded.
 * `english` is a dynamic import so Indonesian readers never download it.
 */
export async function initI18n(indonesian: Catalogue, english: () => Promise<Catalogue>): Promise<void> {
  const lang = storedLanguage();
  loaders.en = english;
  await i18next.init({
    lng: 'id',
    fallbackLng: 'id',
    resources: { id: { translation: indonesian } },
    interpolation: { escapeValue: false }, // Preact escapes text
    returnNull: false,
  });
  if (lang !== 'id') await setLanguage(lang);
  document.documentElement.lang = currentLanguage();
}

const loaders: { en?: () => Promise<Catalogue> } = {};

export async function setLanguage(lang: Language): Promise<void> {
  if (lang === 'en' && !i18next.hasResourceBundle('en', 'translation') && loaders.en) {
    i18next.addResourceBundle('en', 'translation', await loaders.en());
  }
  await i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    /* not kept: fine */
  }
  for (const listener of listeners) listener(lang);
}

export function onLanguageChanged(listener: (lang: Language) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** A translator typed by the entry's Indonesian catalogue. */
export function translator<C extends Catalogue>(): Translator<C> {
  return (key, values) => i18next.t(key as string, values ?? {});
}
