// Fault injection, for the kill-safety test (test/e2e/crash.test.ts) and nothing else. With
// PREPUB_FAULT_KILL=<n>:<phase> in its environment, a prepub process kills itself with SIGKILL at
// that phase of the n-th atomic write it makes (`writeAtomic`, which every record save goes
// through), so that a test can aim a crash at the worst moments instead of waiting for a random
// kill to land there. The phases, in order:
//   open     the temp file exists and is empty
//   torn     half of the new bytes are in the temp file (not synced)
//   synced   the temp file is complete and synced, not yet renamed over the file
//   renamed  the rename has happened, the folder is not yet synced
// Off unless the variable is set (a value it does not understand is ignored). It only ever stops
// the process, as a power cut or `kill -9` would: it never changes what is written, and a record
// is only ever what the last complete write left.
import type { FileHandle } from 'node:fs/promises';

export const FAULT_PHASES = ['open', 'torn', 'synced', 'renamed'] as const;
export type FaultPhase = (typeof FAULT_PHASES)[number];

let writes = 0;

function target(): { n: number; phase: FaultPhase } | undefined {
  const m = /^(\d+):(open|torn|synced|renamed)$/.exec(process.env.PREPUB_FAULT_KILL ?? '');
  return m ? { n: Number(m[1]), phase: m[2] as FaultPhase } : undefined;
}

/** Called once as each atomic write begins: the write's number, when the hook is on. */
export function faultWriteBegins(): number | undefined {
  if (!target()) return undefined;
  return ++writes;
}

/** Die here if this is the phase of the write the hook names. */
export function faultPoint(write: number | undefined, phase: FaultPhase): void {
  if (write === undefined) return;
  const t = target();
  if (t?.n === write && t.phase === phase) process.kill(process.pid, 'SIGKILL');
}

/** The torn phase: write the first half of `data` to the temp file, then die. */
export async function faultTear(
  write: number | undefined,
  handle: FileHandle,
  data: string | Uint8Array,
): Promise<void> {
  if (write === undefined) return;
  const t = target();
  if (t?.n !== write || t.phase !== 'torn') return;
  const bytes = typeof data === 'string' ? Buffer.from(data) : data;
  await handle.write(bytes.subarray(0, Math.floor(bytes.length / 2)));
  process.kill(process.pid, 'SIGKILL');
}
