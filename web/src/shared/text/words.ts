/**
 * A label as it reads inside a sentence ("Isi {{field}}"): only its first letter lowered, so
 * "Jumlah peserta dari instansi Anda" reads "jumlah peserta dari instansi Anda" (issue 17: the
 * whole label lowered wrote "anda"), and a leading acronym ("NIK", "SP4N-LAPOR!") stays as is.
 */
export function inSentence(label: string): string {
  const [first, second] = [...label];
  if (!first || (second && second !== second.toLowerCase())) return label;
  return first.toLowerCase() + label.slice(first.length);
}
