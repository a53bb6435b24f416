/** Cymraeg: the proof-of-work a browser solves before each request. */
export const pow = {
  'pow.preparing': 'Yn paratoi i anfon yn ddiogel…',
  'pow.why':
    'Mae eich porwr yn gwneud ychydig o waith yn gyntaf, fel na all neb orlifo’r gwasanaeth hwn. Mae’n aros ar eich dyfais a gall gymryd ychydig eiliadau.',
  'pow.progressLabel': 'Yn paratoi i anfon yn ddiogel'
} as const;
