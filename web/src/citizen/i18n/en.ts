import type { CitizenCatalogue } from './id';

/** The portal's English catalogue, loaded only when a reader switches. */
const en: CitizenCatalogue = {
  app: {
    name: 'Layanan Kesra',
    bureau: 'Bureau of People’s Welfare, West Kalimantan Province',
    skip: 'Skip to main content',
    language: 'Language',
    switchTo: 'Bahasa Indonesia',
    switchLabel: 'Ganti ke Bahasa Indonesia',
    nav: 'Main menu',
    home: 'Home',
    audience: 'Request an audience',
    complaint: 'Make a complaint',
    track: 'Track a request',
    loading: 'Loading…',
    notFound: 'Page not found',
    notFoundBody: 'This address does not exist. Go back to the home page.',
    offline: 'Cannot connect. Check your internet connection and try again.',
    retry: 'Try again',
    footer: 'This service is free of charge.',
  },
  home: {
    title: 'Public services of Biro Kesra',
    lead: 'Request an audience with Biro Kesra or complain about our services without coming to the office.',
    start: 'Start',
    requirements: 'Requirements',
    procedure: 'Procedure',
    time: 'Completion time',
    fee: 'Fee',
    product: 'What you receive',
    eligible: 'Who can apply',
    channels: 'Ways to complain',
    classes: 'Kinds of complaint and time limits',
    flow: 'How a complaint is handled',
    trackTitle: 'Already applied?',
    trackBody: 'Track its status with the tracking code and access token on your receipt.',
    source: 'Service standard {{decree}}',
    required: 'required',
  },
};
export default en;
