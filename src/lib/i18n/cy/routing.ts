/**
 * Cymraeg: what a reporter is told about teams, child-risk concerns, own choices, later bodies
 * and where a deadline comes from.
 */
export const routingReporter = {
  'reporter.role.practitioner': 'Ymarferydd',
  'reporter.reason.child_risk': 'Yn cael gwybod am ei fod yn ymwneud â risg i blentyn',
  'reporter.reason.own_choice': 'Dewis y sefydliad ei hun, y tu hwnt i’w weithdrefn ysgrifenedig',
  'reporter.q.team': 'Am ba dîm neu brosiect mae hyn?',
  'reporter.q.teamHint':
    'Bydd uwch ymarferydd y tîm hwnnw’n ei ddarllen hefyd, oni bai eich bod chi’n eu henwi. Os nad ydych chi’n siŵr, dewiswch “Ddim yn siŵr”: bydd yr arweinwyr diogelu’n ei ddarllen ac yn gallu ei drosglwyddo.',
  'reporter.team.notSure': 'Ddim yn siŵr',
  'reporter.childRisk.title': 'Gallai hwn fod yn bryder am ddiogelwch plentyn',
  'reporter.childRisk.explain':
    'Fe ddywedoch chi fod hyn yn ymwneud â risg i blentyn. Mae pryder am ddiogelwch plentyn yn mynd at y bobl sy’n amddiffyn plant yma. Mae chwythu’r chwiban yn mynd at y bobl sy’n rhedeg y sefydliad. Y naill ffordd neu’r llall, bydd arweinydd diogelu neu ddirprwy’n cael gwybod oni bai eich bod chi’n eu henwi.',
  'reporter.childRisk.switch': 'Rhoi gwybod amdano fel pryder am ddiogelwch plentyn yn lle hynny',
  'reporter.childRisk.switched': 'Rydych chi nawr yn rhoi gwybod am bryder am ddiogelwch plentyn.',
  'reporter.preview.later': 'Ddim eto: {body}',
  'reporter.preview.laterHint':
    'Mae’r weithdrefn yn gadael i chi fynd â’r mater atyn nhw ar ôl i chi gael ateb, os nad ydych chi’n fodlon o hyd. Dewch yn ôl gyda’ch allwedd achos bryd hynny.',
  'reporter.deadline.source': 'O’r weithdrefn: {source}'
} as const;
