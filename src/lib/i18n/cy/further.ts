import type { further as english } from '../en/further';

/** Cymraeg for the procedure's stages on the reporter's case page. */
export const further = {
  'reporter.further.atStage': 'Mae eich achos yng ngham {stage} o {total} y drefn.',
  'reporter.further.awaiting':
    'Pan fydd y cam hwn wedi cael ateb, cewch ofyn am gam {stage} os nad ydych yn fodlon.',
  'reporter.further.open':
    'Os nad ydych yn fodlon â’r ateb, cewch ofyn am gam {stage} hyd at {date}.',
  'reporter.further.openNoLimit': 'Os nad ydych yn fodlon â’r ateb, cewch ofyn am gam {stage}.',
  'reporter.further.closed':
    'Daeth yr amser i ofyn am gam {stage} i ben ar {date}. Gallwch ysgrifennu o hyd at y bobl sydd ar eich achos.',
  'reporter.further.final': 'Cam {stage} yw cam olaf y drefn hon: mae ei ateb yn derfynol.',
  'reporter.further.ask': 'Gofyn am gam {stage}',
  'reporter.further.already': 'Eisoes ar eich achos, ac yn ymdrin â’r cam hwn: {names}',
  'reporter.further.hint':
    'Bydd unrhyw un y byddwch yn ei ychwanegu yn gallu darllen popeth ar eich achos.',
  'reporter.further.notAnswered': 'Mae hynny’n bosibl dim ond pan fydd y cam hwn wedi cael ateb.',
  'reporter.further.finalResponse': 'Ymateb terfynol cam {stage}'
} as const satisfies Record<keyof typeof english, string>;
