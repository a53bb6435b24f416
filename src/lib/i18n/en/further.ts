/** The reporter's view of the procedure's stages: where a case is and where it may go next. */
export const further = {
  'reporter.further.atStage': 'Your case is at stage {stage} of {total} of the procedure.',
  'reporter.further.awaiting':
    'When this stage has been answered, you may ask for stage {stage} if you are not satisfied.',
  'reporter.further.open':
    'If you are not satisfied with the answer, you may ask for stage {stage} until {date}.',
  'reporter.further.openNoLimit':
    'If you are not satisfied with the answer, you may ask for stage {stage}.',
  'reporter.further.closed':
    'The time to ask for stage {stage} ended on {date}. You can still write to the people on your case.',
  'reporter.further.final':
    'Stage {stage} is the last stage of this procedure: its answer is final.',
  'reporter.further.ask': 'Ask for stage {stage}',
  'reporter.further.already': 'Already on your case, and handling this stage: {names}',
  'reporter.further.hint': 'Anyone you add will be able to read everything on your case.',
  'reporter.further.notAnswered': 'That is possible only once this stage has been answered.',
  'reporter.further.finalResponse': 'The final response for stage {stage}'
} as const;
