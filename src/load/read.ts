/**
 * Reads the manifest inputs: files, folders (every `*.yaml` / `*.yml` below them, recursively,
 * in sorted order like `kubectl apply -R`; the extension is case-sensitive as in kubectl), and `-`
 * for standard input. A path that cannot be read stops the load with `ERR_MANIFEST_READ`.
 */
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { MeshwardError } from '../model/errors.js';

export interface InputText {
  /** The name used in diagnostics: the path as given (joined for folder members), `<stdin>` for `-`. */
  file: string;
  text: string;
}

export const STDIN_NAME = '<stdin>';

function readError(path: string, cause: unknown): MeshwardError {
  const reason = cause instanceof Error && 'code' in cause ? String((cause as NodeJS.ErrnoException).code) : String(cause);
  return new MeshwardError('ERR_MANIFEST_READ', `cannot read \`${path}\`: ${reason}`, { cause });
}

async function readStream(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

async function walk(dir: string, seen: Set<string>, out: string[]): Promise<void> {
  const real = await realpath(dir);
  if (seen.has(real)) return; // a symlink loop would otherwise recurse forever
  seen.add(real);
  const names = (await readdir(dir)).sort();
  for (const name of names) {
    const p = join(dir, name);
    const st = await stat(p);
    if (st.isDirectory()) await walk(p, seen, out);
    else if (st.isFile() && /\.ya?ml$/.test(name)) out.push(p);
  }
}

/** Reads every input, in order; folders expand to their YAML files. */
export async function readInputs(inputs: readonly string[], stdin?: NodeJS.ReadableStream): Promise<InputText[]> {
  const out: InputText[] = [];
  for (const input of inputs) {
    if (input === '-') {
      try {
        out.push({ file: STDIN_NAME, text: await readStream(stdin ?? process.stdin) });
      } catch (e) {
        throw readError(STDIN_NAME, e);
      }
      continue;
    }
    let files: string[];
    try {
      const st = await stat(input);
      files = [];
      if (st.isDirectory()) await walk(input, new Set(), files);
      else files.push(input);
    } catch (e) {
      throw readError(input, e);
    }
    for (const f of files) {
      try {
        out.push({ file: f, text: await readFile(f, 'utf8') });
      } catch (e) {
        throw readError(f, e);
      }
    }
  }
  return out;
}
