// Building and changing a record: pure functions from record to record.
import {
  assess,
  dependentKeys,
  type EngineState,
  type GivenAnswer,
  sameValue,
  storedValue,
  valueText,
} from '../checklist/engine.js';
import type { Pack } from '../checklist/schema.js';
import { reopenIfSigned } from './lifecycle.js';
import {
  RECORD_FORMAT,
  type ArticleRef,
  type HistoryEntry,
  type RecordFile,
  type Story,
} from './schema.js';
import { type Finding } from '../scan/finding.js';

export function engineState(record: RecordFile): EngineState {
  return { answers: record.record.answers, findings: record.record.findings };
}

export function withAssessment(record: RecordFile, pack: Pack): RecordFile {
  return { ...record, record: { ...record.record, assessment: assess(pack, engineState(record)) } };
}

export function newRecord(args: {
  id: string;
  pack: Pack;
  story: Story;
  article: ArticleRef | null;
  findings: Finding[];
  by: string;
  now: string;
}): RecordFile {
  const record: RecordFile = {
    format: RECORD_FORMAT,
    status: 'draft',
    record: {
      id: args.id,
      story: args.story,
      article: args.article,
      checklist: { id: args.pack.id, version: args.pack.version, sha256: args.pack.sha256 },
      answers: {},
      findings: args.findings,
      assessment: assess(args.pack, { answers: {}, findings: args.findings }),
      history: [{ at: args.now, event: 'created', by: args.by }],
    },
    attestations: [],
  };
  return record;
}

export function addHistory(record: RecordFile, entry: HistoryEntry): RecordFile {
  return { ...record, record: { ...record.record, history: [...record.record.history, entry] } };
}

/**
 * Record an answer. Changing an earlier answer clears the answers of the questions that depend
 * on it (they are asked again); changing anything after a signature returns the record to draft.
 */
export function applyAnswer(
  record: RecordFile,
  pack: Pack,
  id: string,
  answer: GivenAnswer,
  by: string,
  now: string,
): { record: RecordFile; cleared: string[] } {
  const previous = record.record.answers[id];
  const same =
    previous !== undefined &&
    sameValue(previous.value, answer.value) &&
    (previous.note ?? '') === (answer.note ?? '');
  if (same) return { record, cleared: [] };
  const answers = { ...record.record.answers };
  const cleared: string[] = [];
  if (previous !== undefined && !sameValue(previous.value, answer.value)) {
    for (const d of dependentKeys(pack, id, answer.value, answers)) {
      delete answers[d];
      cleared.push(d);
    }
  }
  answers[id] = {
    value: storedValue(answer.value),
    ...(answer.note ? { note: answer.note } : {}),
    answeredAt: now,
  };
  let next: RecordFile = { ...record, record: { ...record.record, answers } };
  const detail =
    previous === undefined
      ? `${id} = ${valueText(answer.value)}`
      : `${id}: ${valueText(previous.value)} → ${valueText(answer.value)}${cleared.length ? ` (cleared ${cleared.join(', ')})` : ''}`;
  next = addHistory(next, {
    at: now,
    event: previous === undefined ? 'answered' : 'changed',
    by,
    detail,
  });
  next = reopenIfSigned(next, by, now);
  return { record: withAssessment(next, pack), cleared };
}

export function updateStory(record: RecordFile, story: Story): RecordFile {
  return { ...record, record: { ...record.record, story } };
}
