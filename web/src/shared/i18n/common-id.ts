/** Strings of src/shared (forms, uploads), Indonesian. Each entry's catalogue includes them as `common`. */
const commonId = {
  errorSummary: 'Ada yang perlu diperbaiki',
  errorPrefix: 'Kesalahan:',
  optional: '(tidak wajib)',
  change: 'Ubah',
  continue: 'Lanjutkan',
  back: 'Kembali',
  remove: 'Hapus',
  upload: {
    choose: 'Pilih berkas',
    hint: 'PDF, JPG atau PNG, paling besar {{max}}.',
    uploading: 'Mengunggah {{name}}: {{percent}}%',
    checking: 'Memeriksa {{name}}…',
    done: 'Terunggah',
    retrying: 'Koneksi terputus, mencoba lagi…',
    failed: '{{name}} gagal diunggah. Periksa koneksi lalu pilih berkasnya lagi.',
    refused: '{{name}} rusak atau ditolak: {{reason}}. Pilih berkas lain.',
    badType: '{{name}} bukan PDF, JPG atau PNG',
    tooBig: '{{name}} lebih besar dari {{max}}',
    empty: '{{name}} kosong',
    tooMany: 'Paling banyak {{max}} berkas',
    progress: 'Kemajuan unggahan {{name}}',
    removeFile: 'Hapus {{name}}',
    waitUploads: 'Tunggu sampai semua berkas selesai diunggah',
  },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type CommonCatalogue = Widen<typeof commonId>;
const catalogue: CommonCatalogue = commonId;
export default catalogue;
