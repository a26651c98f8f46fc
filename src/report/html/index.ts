/** The offline HTML report of `meshward reach`: the renderer and the JSON shapes it reads. */
export { renderReachHtml, REPORT_CSP } from './render.js';
export { escapeHtml, jsonForScript } from './escape.js';
export type {
  Attacker,
  HeldToken,
  JsonValue,
  LayerMeasure,
  LintFinding,
  LintReport,
  PseudoAttacker,
  ReachHtmlOptions,
  ReachReport,
  ReachableEntry,
  Transport,
  Witness,
} from './types.js';
