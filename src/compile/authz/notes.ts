/**
 * Collects {@link BuildNote}s without duplicates: a `when` condition is shared by every `from`
 * alternative of its rule, so the same drop would otherwise be reported once per alternative.
 */
import type { AuthorizationAction } from '../../model/resources.js';
import type { FieldPath } from '../../model/source.js';
import type { BuildNote, BuildNoteKind } from './types.js';

export type NoteFn = (kind: BuildNoteKind, message: string, path?: FieldPath) => void;

export class NoteCollector {
  readonly notes: BuildNote[] = [];
  readonly #seen = new Set<string>();

  add(note: BuildNote): void {
    const key = `${note.policy}|${note.rule ?? ''}|${note.kind}|${note.path?.join('/') ?? ''}|${note.message}`;
    if (this.#seen.has(key)) return;
    this.#seen.add(key);
    this.notes.push(note);
  }

  /** A note function bound to one policy (and rule). */
  bind(policy: string, action: AuthorizationAction, rule?: number): NoteFn {
    return (kind, message, path) =>
      this.add({ policy, action, kind, message, ...(rule === undefined ? {} : { rule }), ...(path ? { path } : {}) });
  }
}
