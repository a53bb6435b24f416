/** English: records on staff pages — linked cases, retention and review, statistics. */
export const records = {
  'records.linked.one': '1 other case you can read involves {name}',
  'records.linked.other': '{n} other cases you can read involve {name}',
  'records.linked.note':
    'Worked out in your browser from the cases you can read; the server does not know.'
} as const;
