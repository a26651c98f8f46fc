/** The `--now` option of `check` and `test`: the time tokens are checked against. */
import { MeshwardError } from '../model/errors.js';

/** Epoch seconds or an ISO date → epoch seconds; `undefined` when the option is absent; exit 2 when unreadable. */
export function parseNowOption(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const n = /^\d+$/.test(text) ? Number(text) : Date.parse(text) / 1000;
  if (!Number.isFinite(n)) throw new MeshwardError('ERR_USAGE', `--now \`${text}\` is neither epoch seconds nor a date`);
  return Math.floor(n);
}
