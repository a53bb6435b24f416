/** Cymraeg: strings shared by every reporter-facing page. A native speaker should review these. */
export const common = {
  'app.name': 'Candour',
  'layout.build': 'Fersiwn',
  'layout.devBuild': 'Fersiwn datblygu (nid fersiwn i’w rhyddhau)',
  'layout.skip': 'Neidio i’r prif gynnwys',
  'layout.footer':
    'Mae Candour yn amgryptio pob adroddiad yn eich porwr chi. Ni all y gweinydd ei ddarllen.',
  'exit.button': 'Gadael y dudalen hon',
  'exit.hint': 'Neu pwyswch Shift dair gwaith.',
  'home.title': 'Codi pryder',
  'home.intro':
    'Gyda Candour, gall staff, gwirfoddolwyr, rhieni a phobl ifanc godi pryder, gwneud cwyn neu rannu pryder am ddiogelwch plentyn gyda sefydliad sy’n gweithio gyda phlant, heb roi eu henw.',
  'home.organisations': 'Dewiswch y sefydliad',
  'home.noOrganisations': 'Does dim sefydliad wedi’i sefydlu yma eto.',
  'home.setUp': 'Sefydlu’r sefydliad cyntaf',
  'home.staff': 'Staff a phobl ddynodedig: mewngofnodi',
  'home.emergencyTitle': 'Os yw plentyn mewn perygl uniongyrchol',
  'home.emergency':
    'Ffoniwch 999 nawr. Am gyngor, ffoniwch linell gymorth yr NSPCC ar 0808 800 5000. Nid gwasanaeth brys yw Candour.',
  'errors.title': 'Mae problem wedi codi',
  'error.notFound': 'Heb ddod o hyd i’r dudalen',
  'error.generic': 'Aeth rhywbeth o’i le',
  'error.back': 'Mynd i’r dechrau'
} as const;
