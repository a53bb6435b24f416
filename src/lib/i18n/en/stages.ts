/** Staff pages: a case's stage, who handles it, its panel and its final responses. */
export const stages = {
  'cases.stage.of': '{stage} of {total}',
  'cases.stage.handledBy': 'Handled at this stage by',
  'cases.stage.investigator': 'Investigator at this stage',
  'cases.stage.stage2Investigator': 'Investigated stage 2 (never on the panel)',
  'cases.stage.panel': 'Panel',
  'cases.stage.panelNone': 'Not formed yet',
  'cases.stage.final': "This is the procedure's last stage: its response is final.",
  'cases.stage.nobody': 'Nobody yet',
  'cases.entry.final': 'Final response for stage {stage}',
  'cases.record.responses': 'Final responses',
  'cases.panel.choose': 'Choose the panel',
  'cases.panel.chooseHint':
    'Eligible committee members only: anyone named as involved and the stage-2 investigator are not offered.',
  'cases.panel.wrongSize': 'Choose {size} members for the panel.',
  'cases.panel.reason.stage2_investigator': 'investigated at stage 2',
  'cases.panel.reason.other': 'not available'
} as const;
