// Solves one proof-of-work off the main thread, posting progress as it goes.
import { ready } from './sodium';
import { solvePow, type PowChallenge } from './pow';

self.onmessage = async (event: MessageEvent<PowChallenge>) => {
  await ready();
  const nonce = solvePow(event.data, (share) => self.postMessage({ progress: share }));
  self.postMessage({ nonce });
};
