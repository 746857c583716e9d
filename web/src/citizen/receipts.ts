/**
 * Receipts kept in this browser (localStorage) after a submission, until the citizen removes
 * them: the code and token the server shows only once, and what the receipt page shows.
 */
import type { ReceiptFacts } from '../shared/receipt';

export interface Receipt extends ReceiptFacts {
  status: string;
}

const KEY = 'kesra.receipts';
let memory: Receipt[] = []; // when storage is blocked, this page view still has them

export function receipts(): Receipt[] {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(value) && value.length ? (value as Receipt[]) : memory;
  } catch {
    return memory;
  }
}

export function receipt(code: string): Receipt | undefined {
  return receipts().find((r) => r.tracking_code === code);
}

export function keepReceipt(r: Receipt): void {
  const rest = receipts().filter((x) => x.tracking_code !== r.tracking_code);
  memory = [r, ...rest];
  try {
    localStorage.setItem(KEY, JSON.stringify([r, ...rest].slice(0, 20)));
  } catch {
    /* storage full or blocked: the receipt page still shows it this once */
  }
}

export function forgetReceipt(code: string): void {
  memory = memory.filter((x) => x.tracking_code !== code);
  try {
    localStorage.setItem(KEY, JSON.stringify(receipts().filter((x) => x.tracking_code !== code)));
  } catch {
    /* nothing kept */
  }
}
