/** The portal's Indonesian catalogue (the default). en.ts must have the same keys (a unit test checks). */
const id = {
  app: {
    name: 'Layanan Kesra',
    bureau: 'Biro Kesejahteraan Rakyat, Provinsi Kalimantan Barat',
    skip: 'Langsung ke isi halaman',
    language: 'Bahasa',
    switchTo: 'English',
    switchLabel: 'Switch to English',
    nav: 'Menu utama',
    home: 'Beranda',
    audience: 'Ajukan audiensi',
    complaint: 'Sampaikan pengaduan',
    track: 'Lacak permohonan',
    loading: 'Memuat…',
    notFound: 'Halaman tidak ditemukan',
    notFoundBody: 'Alamat ini tidak ada. Kembali ke beranda.',
    offline: 'Tidak dapat terhubung. Periksa koneksi internet Anda lalu coba lagi.',
    retry: 'Coba lagi',
    footer: 'Layanan ini tidak dipungut biaya.',
  },
  home: {
    title: 'Layanan publik Biro Kesra',
    lead: 'Ajukan audiensi dengan Biro Kesra atau sampaikan pengaduan tentang layanan kami, tanpa datang ke kantor.',
    start: 'Mulai',
    requirements: 'Persyaratan',
    procedure: 'Prosedur',
    time: 'Waktu penyelesaian',
    fee: 'Biaya',
    product: 'Produk layanan',
    eligible: 'Siapa yang dapat mengajukan',
    channels: 'Saluran pengaduan',
    classes: 'Jenis pengaduan dan batas waktu',
    flow: 'Alur penanganan',
    trackTitle: 'Sudah mengajukan?',
    trackBody: 'Lacak status dengan kode pelacakan dan token akses dari tanda terima Anda.',
    source: 'Standar Pelayanan {{decree}}',
    required: 'wajib',
  },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type CitizenCatalogue = Widen<typeof id>;
const catalogue: CitizenCatalogue = id;
export default catalogue;
