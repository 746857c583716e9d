/**
 * i18n on i18next: one catalogue per language and entry (Indonesian bundled as the default,
 * English loaded on demand). The first visit follows the browser's languages; the reader's
 * choice (the switch) is kept in localStorage and wins from then on. Keys are typed by the
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

/** The reader's own choice (the language switch), if they made one. */
export function storedLanguage(): Language | undefined {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    if (value === 'en' || value === 'id') return value;
  } catch {
    /* storage blocked: no choice kept */
  }
  return undefined;
}

/**
 * The browser's language on a first visit: the first of `navigator.languages` that is
 * Indonesian or English ("en-US" -> en, "id" -> id; Malay readers get Indonesian), else
 * Indonesian. `preferred` is an argument for tests.
 */
export function browserLanguage(preferred: readonly string[] = navigator.languages ?? [navigator.language]): Language {
  for (const tag of preferred) {
    const primary = tag.toLowerCase().split('-')[0];
    if (primary === 'id' || primary === 'ms') return 'id';
    if (primary === 'en') return 'en';
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
  // The person's choice, else the browser's language (not kept: only a choice is).
  const chosen = storedLanguage();
  const lang = chosen ?? browserLanguage();
  loaders.en = english;
  await i18next.init({
    lng: 'id',
    fallbackLng: 'id',
    resources: { id: { translation: indonesian } },
    interpolation: { escapeValue: false }, // Preact escapes text
    returnNull: false,
  });
  if (lang !== 'id') await setLanguage(lang, chosen !== undefined);
  document.documentElement.lang = currentLanguage();
}

const loaders: { en?: () => Promise<Catalogue> } = {};

/** Switch to `lang`; `remember` keeps it as the reader's choice for their next visits. */
export async function setLanguage(lang: Language, remember = true): Promise<void> {
  if (lang === 'en' && !i18next.hasResourceBundle('en', 'translation') && loaders.en) {
    i18next.addResourceBundle('en', 'translation', await loaders.en());
  }
  await i18next.changeLanguage(lang);
  document.documentElement.lang = lang;
  try {
    if (remember) localStorage.setItem(STORAGE_KEY, lang);
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
