/** Cymraeg: what a reporter is told when the keys their browser was served fail its checks. */
export const trust = {
  'trust.reporter':
    'Doedd dim modd gwirio’r rhestr o bobl ar gyfer {unit}. Peidiwch ag anfon dim; dywedwch wrth {unit} neu NACCC mewn ffordd arall (ar y ffôn neu wyneb yn wyneb) y gallai rhywun fod wedi ymyrryd â’u tudalen Candour.',
  'trust.thisOrganisation': 'y sefydliad hwn',
  'trust.reason.duplicate': 'Mae’r un person ar y rhestr fwy nag unwaith.',
  'trust.reason.unsigned': 'Mae rhywun ar y rhestr heb ei lofnodi ag allwedd y sefydliad.',
  'trust.reason.not_on_list': 'Mae rhywun ar y rhestr nad yw ar y rhestr o bobl a lofnodwyd.',
  'trust.reason.mismatch': 'Mae allweddi, rolau neu enw rhywun yn wahanol i’r rhestr a lofnodwyd.',
  'trust.reason.old_list': 'Mae’r rhestr yn hŷn nag un y mae’r porwr hwn wedi’i gweld yn barod.',
  'trust.reason.unit_key_changed':
    'Mae allwedd llofnodi’r rhestr wedi newid ers i’r porwr hwn ei gweld ddiwethaf, a wnaeth yr hen allwedd ddim llofnodi’r newid.',
  'trust.reason.body_link':
    'Dydy’r cysylltiad â’r sefydliad hwn ddim wedi’i lofnodi gan y ddau ohonyn nhw.',
  'trust.reason.no_unit_key': 'Does dim allwedd llofnodi ar gyfer y rhestr.',
  'trust.bodyUnlinked':
    'Does dim modd cynnig {unit}: dydy ei gysylltiad â’r sefydliad hwn ddim wedi’i lofnodi gan y ddau ohonyn nhw eto.'
} as const;
