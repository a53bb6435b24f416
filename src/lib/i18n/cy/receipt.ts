/** Cymraeg: prawf y gohebydd o gyflwyno adroddiad. */
export const receipt = {
  'reporter.receipt.title': 'Prawf eich bod wedi anfon adroddiad',
  'reporter.receipt.intro':
    'Mae’r dderbynneb hon yn profi bod adroddiad wedi’i gyflwyno i {organisation} ar {date}, heb ddangos beth mae’n ei ddweud. Nid yw’n cynnwys allwedd eich achos, felly gallwch ei hargraffu a’i chadw neu ei dangos i rywun.',
  'reporter.receipt.organisation': 'Sefydliad',
  'reporter.receipt.case': 'Cyfeirnod yr achos',
  'reporter.receipt.date': 'Dyddiad ei dderbyn',
  'reporter.receipt.hash': 'Ôl bys yr adroddiad wedi’i selio',
  'reporter.receipt.key': 'Wedi’i llofnodi â’r allwedd a gyhoeddir yn {path}, ôl bys',
  'reporter.receipt.signature': 'Llofnod',
  'reporter.receipt.verified': 'Mae eich porwr wedi gwirio’r llofnod: mae’n ddilys.',
  'reporter.receipt.kept':
    'Caiff ei chadw gyda’ch achos: dim ond allwedd eich achos sy’n ei hagor.',
  'reporter.receipt.notKept':
    'Nid oedd modd ei chadw gyda’ch achos. Argraffwch hi nawr os ydych am ei chadw.',
  'reporter.receipt.print': 'Argraffu’r dderbynneb',
  'reporter.receipt.invalid':
    'Ni lwyddodd y dderbynneb gan y gweinydd yn y gwiriad yn eich porwr, felly nid yw’n profi dim. Cafodd eich adroddiad ei anfon o hyd. Os ydych am gael prawf o gyflwyno, cysylltwch â’r sefydliad mewn ffordd arall.',
  'reporter.receipt.missing': 'Nid oes derbynneb yn cael ei chadw gyda’r achos hwn.'
} as const;
