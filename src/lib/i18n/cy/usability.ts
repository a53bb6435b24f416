/** Cymraeg: pages without JavaScript, field errors and character counts. */
export const usability = {
  'noJs.title': 'Trowch JavaScript ymlaen i ddefnyddio’r dudalen hon',
  'noJs.why':
    'Mae Candour yn amgryptio’r hyn rydych chi’n ei ysgrifennu yn eich porwr eich hun cyn ei anfon, fel mai dim ond y bobl a ddewiswyd all ei ddarllen. Mae angen JavaScript ar eich porwr i wneud hynny.',
  'noJs.safe':
    'Hebddo, does dim modd diogelu dim byd rydych chi’n ei deipio yma, felly fydd y dudalen hon ddim yn gweithio nes i chi ganiatáu JavaScript.',
  'noJs.torTitle': 'Yn Tor Browser, caniatewch JavaScript ar gyfer y wefan hon yn unig',
  'noJs.tor1':
    'Agorwch y ddewislen (☰), dewiswch More tools, yna Customize toolbar. Llusgwch eicon NoScript (llythyren S) i’r bar offer a dewis Done.',
  'noJs.tor2':
    'Gyda’r dudalen hon ar agor, dewiswch eicon NoScript a dewis Trusted ar gyfer cyfeiriad y wefan hon. Mae Temporarily trusted yn anghofio’r dewis pan fyddwch chi’n cau Tor Browser.',
  'noJs.tor3': 'Ail-lwythwch y dudalen hon.',
  'noJs.torOthers': 'Bydd pob gwefan arall yn aros ar y lefel ddiogelwch Safest.',
  'noJs.otherTitle': 'Mewn porwyr eraill',
  'noJs.other':
    'Agorwch osodiadau’r wefan (fel arfer y clo clap neu’r eicon wrth ymyl y cyfeiriad gwe), caniatewch JavaScript ar gyfer y wefan hon, yna ail-lwythwch y dudalen.',

  'field.errorPrefix': 'Gwall:',
  'count.remaining.one': 'Mae gennych {n} nod ar ôl',
  'count.remaining.other': 'Mae gennych {n} nod ar ôl',
  'count.over.one': 'Mae gennych {n} nod yn ormod',
  'count.over.other': 'Mae gennych {n} nod yn ormod',
  'count.limit': 'Gallwch roi hyd at {max} nod',
  'count.tooLong': 'Mae’r ateb i ‘{field}’ yn rhy hir. Defnyddiwch {max} nod neu lai',
  'field.name.what': 'Beth ddigwyddodd',
  'field.name.involvedOthers': 'Unrhyw un arall sy’n rhan o hyn',
  'field.name.others': 'Pwy arall sy’n gwybod',
  'field.name.outcome': 'Beth hoffech chi ei weld yn digwydd',
  'field.name.when': 'Pryd',
  'field.name.where': 'Ble',
  'field.name.contact': 'Eich enw neu ffordd o gysylltu â chi',
  'field.name.reply': 'Eich neges',
  'reporter.error.caseKeyMissing': 'Rhowch eich allwedd achos'
} as const;
