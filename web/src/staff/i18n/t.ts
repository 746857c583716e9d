/** The console's translator: keys typed by the Indonesian catalogue. */
import { translator } from '../../shared/i18n/i18n';
import type { StaffCatalogue } from './id';

export const t = translator<StaffCatalogue>();
