import { seededDatabase } from '../tests/support/load-server';
const d = await seededDatabase('', { copies: 2 });
console.log(d.dataDir);
