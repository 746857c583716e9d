/** The translator of src/shared's own strings (the `common` part of every entry's catalogue). */
import type { CommonCatalogue } from './common-id';
import { translator } from './i18n';

export const tc = translator<{ common: CommonCatalogue }>();
