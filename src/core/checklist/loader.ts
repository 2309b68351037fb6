// Loading a pack from its files' texts: schema checks with positions, then the cross-file checks
// (unique ids, `when` naming earlier questions, valid values, rules that exist, no cycles, nothing
// unreachable). Pure: the files are read by src/io/packs.ts.
import { sha256Hex } from '../hash.js';
import { MANIFEST } from './manifest-name.js';
import type { Diagnostic, Loaded } from '../../diagnostics.js';
import { diagnosticAt, parseText, parseWithSchema, type ParsedDoc } from '../parse/structured.js';
import { caseFoldProblem, matcherPlaces } from '../scan/rule-patterns.js';
import { satisfiable, walkConditions } from './conditions.js';
import {
  choicesOf,
  Manifest,
  NONE,
  type Pack,
  type Question,
  Section,
  SECTION_IDS,
} from './schema.js';

export interface PackFile {
  /** The file's name inside the pack folder, e.g. "safety.yaml". */
  readonly name: string;
  /** How to show it in messages, e.g. "checklists/uk-ew/safety.yaml". */
  readonly display: string;
  readonly text: string;
}

/** What the loader needs to know of the pack's scan rules (validated fully by the scanner). */
export interface RuleRef {
  readonly id: string;
  readonly section: string | undefined;
  readonly questions: readonly string[];
  /** Positions, for messages. */
  readonly parsed: ParsedDoc;
  readonly path: (string | number)[];
}

export { MANIFEST } from './manifest-name.js';
export const RULES = 'rules.yaml';

interface Located {
  readonly question: Question;
  readonly section: string;
  readonly parsed: ParsedDoc;
  readonly path: (string | number)[];
  readonly order: number;
  /** The repeat group holding this question, if any. */
  readonly group?: Question;
}

function packSha256(files: readonly PackFile[], base: Pack | undefined): string {
  const sorted = [...files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return sha256Hex(
    base ? `extends\0${base.id}\0${base.sha256}\0` : '',
    ...sorted.map((f) => `${f.name}\0${f.text}\0`),
  );
}

/** Read rule ids and the questions each names from rules.yaml, leniently (positions kept). */
export function ruleRefs(file: PackFile, errors: Diagnostic[], warnings?: Diagnostic[]): RuleRef[] {
  const { parsed, errors: syntax } = parseText(file.display, file.text);
  if (!parsed) {
    errors.push(...syntax);
    return [];
  }
  const data: unknown = parsed.data;
  const rules =
    data !== null && typeof data === 'object' && Object.hasOwn(data, 'rules')
      ? (data as { rules: unknown }).rules
      : undefined;
  if (!Array.isArray(rules)) {
    errors.push(diagnosticAt(parsed, [], '"rules" must be a list of rules'));
    return [];
  }
  const out: RuleRef[] = [];
  rules.forEach((r: unknown, i) => {
    if (!r || typeof r !== 'object') return;
    const rule = r as { id?: unknown; section?: unknown; questions?: unknown };
    if (typeof rule.id !== 'string') return;
    // A pattern that ignores case but names one (validated fully by the scanner, warned of here).
    if (warnings)
      for (const [path, m] of matcherPlaces(r)) {
        if (typeof m.pattern !== 'string') continue;
        const problem = caseFoldProblem(m.pattern, m['case-sensitive'] === true);
        if (problem) warnings.push(diagnosticAt(parsed, ['rules', i, ...path, 'pattern'], problem));
      }
    out.push({
      id: rule.id,
      section: typeof rule.section === 'string' ? rule.section : undefined,
      questions: Array.isArray(rule.questions)
        ? rule.questions.filter((q): q is string => typeof q === 'string')
        : [],
      parsed,
      path: ['rules', i],
    });
  });
  return out;
}

export function loadPackFromFiles(
  dir: string,
  files: readonly PackFile[],
  base?: Pack,
): Loaded<Pack> & { rules: RuleRef[] } {
  const errors: Diagnostic[] = [];
  const warnings: Diagnostic[] = [];
  const byName = new Map(files.map((f) => [f.name, f]));
  const manifestFile = byName.get(MANIFEST);
  if (!manifestFile) {
    return {
      value: undefined,
      errors: [
        {
          file: `${dir}/${MANIFEST}`,
          line: 0,
          column: 0,
          message: 'no pack.yaml: not a checklist pack folder',
        },
      ],
      warnings,
      rules: [],
    };
  }
  const m = parseWithSchema(manifestFile.display, manifestFile.text, Manifest);
  errors.push(...m.errors);
  if (!m.value || !m.parsed) return { value: undefined, errors, warnings, rules: [] };
  const manifest = m.value;
  const manifestDoc = m.parsed;

  if (manifest.extends !== undefined && base === undefined) {
    errors.push(
      diagnosticAt(manifestDoc, ['extends'], `the base pack "${manifest.extends}" was not found`),
    );
  }

  // Sections, in manifest order.
  const seenSections = new Set<string>();
  const sections: {
    id: (typeof SECTION_IDS)[number];
    title: string;
    why: string;
    questions: Question[];
  }[] = [];
  const located: Located[] = [];
  manifest.sections.forEach((sectionId, i) => {
    if (seenSections.has(sectionId)) {
      errors.push(
        diagnosticAt(manifestDoc, ['sections', i], `section "${sectionId}" is listed twice`),
      );
      return;
    }
    seenSections.add(sectionId);
    const file = byName.get(`${sectionId}.yaml`);
    if (!file) {
      errors.push(
        diagnosticAt(
          manifestDoc,
          ['sections', i],
          `section "${sectionId}" has no file ${sectionId}.yaml`,
        ),
      );
      return;
    }
    const s = parseWithSchema(file.display, file.text, Section);
    errors.push(...s.errors);
    if (!s.value || !s.parsed) return;
    if (s.value.id !== sectionId) {
      errors.push(
        diagnosticAt(
          s.parsed,
          ['id'],
          `the file ${file.name} must hold section "${sectionId}", not "${s.value.id}"`,
        ),
      );
      return;
    }
    const baseSection = base?.sections.find((b) => b.id === sectionId);
    if (s.value.questions.length === 0 && !baseSection) {
      errors.push(diagnosticAt(s.parsed, ['questions'], `section "${sectionId}" has no questions`));
    }
    s.value.questions.forEach((q, qi) => {
      located.push({
        question: q,
        section: sectionId,
        parsed: s.parsed!,
        path: ['questions', qi],
        order: 0,
      });
      (q.questions ?? []).forEach((child, ci) => {
        located.push({
          question: child,
          section: sectionId,
          parsed: s.parsed!,
          path: ['questions', qi, 'questions', ci],
          order: 0,
          group: q,
        });
      });
    });
    sections.push({
      id: sectionId,
      title: s.value.title,
      why: s.value.why,
      questions: [...s.value.questions],
    });
  });

  // Cross-file checks need every file's schema to hold; otherwise they only echo those errors.
  if (errors.length > 0)
    return { value: undefined, errors: sortDiagnostics(errors), warnings, rules: [] };

  // Merge onto the base pack, if extending: base sections first, in their order.
  let merged = sections;
  if (base) {
    const ext = new Map(sections.map((s) => [s.id, s]));
    merged = base.sections.map((b) => {
      const add = ext.get(b.id);
      const questions = [...b.questions];
      for (const q of add?.questions ?? []) {
        const at = q.after !== undefined ? questions.findIndex((x) => x.id === q.after) : -1;
        if (q.after !== undefined && at === -1) {
          const loc = located.find((l) => l.question === q);
          if (loc)
            errors.push(
              diagnosticAt(
                loc.parsed,
                [...loc.path, 'after'],
                `"after" names "${q.after}", which is not in the base pack's ${b.id} section`,
              ),
            );
        }
        if (at === -1) questions.push(q);
        else questions.splice(at + 1, 0, q);
      }
      return { id: b.id, title: add?.title ?? b.title, why: add?.why ?? b.why, questions };
    });
    for (const s of sections) if (!base.sections.some((b) => b.id === s.id)) merged.push(s);
    const rank = (id: string) => SECTION_IDS.indexOf(id as (typeof SECTION_IDS)[number]);
    merged.sort((a, b) => {
      const ai = base.sections.findIndex((x) => x.id === a.id);
      const bi = base.sections.findIndex((x) => x.id === b.id);
      return (ai === -1 ? 100 + rank(a.id) : ai) - (bi === -1 ? 100 + rank(b.id) : bi);
    });
  }

  // Every question in ask order, with its location (base questions have none: already checked).
  const order = new Map<string, number>();
  const sectionOf = new Map<string, string>();
  const questionById = new Map<string, Question>();
  const locOf = new Map<Question, Located>(located.map((l) => [l.question, l]));
  let n = 0;
  const groupOf = new Map<string, Question>();
  for (const s of merged) {
    for (const q of s.questions.flatMap((x): Question[] => [x, ...(x.questions ?? [])])) {
      const loc = locOf.get(q);
      if (questionById.has(q.id)) {
        if (loc)
          errors.push(
            diagnosticAt(loc.parsed, [...loc.path, 'id'], `duplicate question id "${q.id}"`),
          );
        continue;
      }
      if (!q.id.startsWith(`${s.id}.`) && loc) {
        errors.push(
          diagnosticAt(
            loc.parsed,
            [...loc.path, 'id'],
            `question ids in section "${s.id}" must start with "${s.id}."`,
          ),
        );
      }
      questionById.set(q.id, q);
      order.set(q.id, n++);
      sectionOf.set(q.id, s.id);
      for (const child of q.questions ?? []) groupOf.set(child.id, q);
    }
  }

  // Rules: the base pack's are already checked; this pack's are read for their ids and questions.
  const rulesFile = byName.get(RULES);
  const rules = rulesFile ? ruleRefs(rulesFile, errors, warnings) : [];
  const ruleIds = new Set(rules.map((r) => r.id));
  for (const r of rules) {
    r.questions.forEach((qid, i) => {
      if (!questionById.has(qid))
        errors.push(
          diagnosticAt(
            r.parsed,
            [...r.path, 'questions', i],
            `rule "${r.id}" raises "${qid}", which is not a question of this pack`,
          ),
        );
    });
  }
  const raisedByRule = new Set(rules.flatMap((r) => r.questions));
  const ruleKnown = (id: string) =>
    ruleIds.has(id) || (base !== undefined && id.startsWith(`${base.id}.`));

  // Conditions: named questions exist, come earlier, offer the values; no cycles.
  const deps = new Map<string, string[]>();
  for (const loc of located) {
    const q = loc.question;
    const names: string[] = [];
    if (q.when) {
      for (const { node, path } of walkConditions(q.when)) {
        const where = [...loc.path, 'when', ...path];
        if (node.answer !== undefined) {
          names.push(node.answer);
          const target = questionById.get(node.answer);
          if (!target) {
            errors.push(
              diagnosticAt(
                loc.parsed,
                [...where, 'answer'],
                `"when" names "${node.answer}", which is not a question of this pack`,
              ),
            );
            continue;
          }
          if (target.type === 'text' || target.type === 'repeat') {
            errors.push(
              diagnosticAt(
                loc.parsed,
                [...where, 'answer'],
                target.type === 'text'
                  ? `"${node.answer}" is a free-text question; a condition can only test yes-no, choice and checkbox answers`
                  : `"${node.answer}" is a repeat group; a condition tests one of its questions instead`,
              ),
            );
            continue;
          }
          if (target.type === 'checkbox' && node.is !== undefined) {
            errors.push(
              diagnosticAt(
                loc.parsed,
                [...where, 'is'],
                `"${node.answer}" is a checkbox question: test it with "includes", not "is"`,
              ),
            );
            continue;
          }
          if (target.type !== 'checkbox' && node.includes !== undefined) {
            errors.push(
              diagnosticAt(
                loc.parsed,
                [...where, 'includes'],
                `"includes" is for checkbox questions; "${node.answer}" is a ${target.type} question: use "is"`,
              ),
            );
            continue;
          }
          const key = node.includes !== undefined ? 'includes' : 'is';
          const given = node[key];
          const offered = choicesOf(target)
            .map((c) => c.value)
            .filter((v) => key === 'is' || v !== NONE);
          const values = Array.isArray(given) ? given : given !== undefined ? [given] : [];
          values.forEach((v, vi) => {
            if (!offered.includes(v)) {
              errors.push(
                diagnosticAt(
                  loc.parsed,
                  Array.isArray(given) ? [...where, key, vi] : [...where, key],
                  key === 'includes' && v === NONE
                    ? `"includes" cannot test "${NONE}": test the options instead`
                    : `"${v}" is not ${key === 'is' ? 'an answer' : 'an option'} of "${node.answer}" (it offers ${offered.join(', ')})`,
                ),
              );
            }
          });
        }
        if (node.finding !== undefined && !ruleKnown(node.finding)) {
          errors.push(
            diagnosticAt(
              loc.parsed,
              [...where, 'finding'],
              `"when" names the rule "${node.finding}", which is not in rules.yaml`,
            ),
          );
        }
      }
    }
    deps.set(q.id, names);
    for (const [i, rid] of (q.rules ?? []).entries()) {
      if (!ruleKnown(rid))
        errors.push(
          diagnosticAt(loc.parsed, [...loc.path, 'rules', i], `rule "${rid}" is not in rules.yaml`),
        );
    }
    for (const c of q.type === 'checkbox' ? choicesOf(q) : []) {
      for (const [i, rid] of (c.outcome.rules ?? []).entries()) {
        if (!ruleKnown(rid))
          errors.push(
            diagnosticAt(
              loc.parsed,
              [...loc.path, 'answers', c.value, 'rules', i],
              `rule "${rid}" is not in rules.yaml`,
            ),
          );
      }
    }
    if (q.unsure?.risk === 'blocker' && !q.unsure.lawyer && q.unsure.note === false)
      errors.push(
        diagnosticAt(
          loc.parsed,
          [...loc.path, 'unsure'],
          `a blocker answer must refer to a lawyer ("lawyer: true") or require a note`,
        ),
      );
    if (q.type !== 'text') {
      for (const c of choicesOf(q)) {
        if (c.outcome.risk === 'blocker' && !c.outcome.lawyer && c.outcome.note === false) {
          errors.push(
            diagnosticAt(
              loc.parsed,
              [...loc.path, 'answers', c.value],
              `a blocker answer must refer to a lawyer ("lawyer: true") or require a note`,
            ),
          );
        }
      }
    }
  }
  // Cycles first (a cycle is also a forward reference; say the clearer thing).
  const inCycle = new Set<string>();
  const state = new Map<string, 1 | 2>();
  const stack: string[] = [];
  const visit = (id: string) => {
    state.set(id, 1);
    stack.push(id);
    for (const d of deps.get(id) ?? []) {
      if (state.get(d) === 1) {
        const cycle = stack.slice(stack.indexOf(d));
        for (const c of cycle) inCycle.add(c);
        const loc = located.find((l) => l.question.id === id);
        if (loc)
          errors.push(
            diagnosticAt(
              loc.parsed,
              [...loc.path, 'when'],
              `conditions form a cycle: ${[...cycle, d].join(' → ')}`,
            ),
          );
      } else if (!state.has(d)) visit(d);
    }
    stack.pop();
    state.set(id, 2);
  };
  for (const id of deps.keys()) if (!state.has(id)) visit(id);
  for (const loc of located) {
    if (inCycle.has(loc.question.id) || !loc.question.when) continue;
    const here = order.get(loc.question.id) ?? 0;
    for (const { node, path } of walkConditions(loc.question.when)) {
      if (node.answer === undefined) continue;
      const there = order.get(node.answer);
      if (there !== undefined && there >= here) {
        errors.push(
          diagnosticAt(
            loc.parsed,
            [...loc.path, 'when', ...path, 'answer'],
            `"when" names "${node.answer}", which is asked later; a condition can only use earlier answers`,
          ),
        );
      }
    }
  }

  // Reachability, in ask order, once everything above holds.
  const format = packFormat(merged, base);
  if (errors.length === 0) {
    const reachable = new Map<string, boolean>();
    const domain = {
      values: (id: string) => {
        const q = questionById.get(id);
        return q && q.type !== 'text' ? choicesOf(q).map((c) => c.value) : undefined;
      },
      multiple: (id: string) => questionById.get(id)?.type === 'checkbox',
      reachable: (id: string) => reachable.get(id) ?? false,
    };
    for (const s of merged) {
      for (const q of s.questions.flatMap((x): Question[] => [x, ...(x.questions ?? [])])) {
        const raised = format === 1 && (raisedByRule.has(q.id) || (q.rules?.length ?? 0) > 0);
        const group = groupOf.get(q.id);
        const ok =
          (!group || reachable.get(group.id) === true) &&
          (!q.when || raised || satisfiable(q.when, domain));
        reachable.set(q.id, ok);
        const loc = locOf.get(q);
        if (!ok && loc)
          errors.push(
            diagnosticAt(
              loc.parsed,
              [...loc.path, 'when'],
              `question "${q.id}" can never be asked: its condition can never hold`,
            ),
          );
      }
    }
    // A question a finding raises must let the reporter say it does not apply (2.0 packs; 1.0
    // packs are frozen as released).
    for (const loc of format === 2 ? located : []) {
      const q = loc.question;
      if (q.type !== 'yes-no' && q.type !== 'choice') continue;
      const raised = raisedByRule.has(q.id) || (q.rules?.length ?? 0) > 0;
      if (raised && q.answers && !Object.hasOwn(q.answers, 'not-applicable'))
        warnings.push(
          diagnosticAt(
            loc.parsed,
            [...loc.path, 'answers'],
            `"${q.id}" is raised by scan findings but offers no "not-applicable": a story the rule misfired on has no honest answer`,
          ),
        );
    }
    // A section should open with one to three screening questions.
    for (const s of sections) {
      const screening = s.questions.filter((q) => !q.when && !q.after).length;
      const loc = located.find((l) => l.section === s.id);
      if (loc && !base && screening === 0)
        warnings.push(
          diagnosticAt(
            loc.parsed,
            ['questions'],
            `section "${s.id}" has no screening question (one without "when"); nothing in it would be asked`,
          ),
        );
      if (loc && screening > 3)
        warnings.push(
          diagnosticAt(
            loc.parsed,
            ['questions'],
            `section "${s.id}" has ${screening} screening questions; a harmless story should get through in one to three`,
          ),
        );
    }
  }

  if (errors.length > 0)
    return { value: undefined, errors: sortDiagnostics(errors), warnings, rules };
  return {
    value: {
      id: manifest.id,
      title: manifest.title,
      jurisdiction: manifest.jurisdiction,
      version: manifest.version,
      description: manifest.description,
      extends: manifest.extends,
      sections: merged,
      sha256: packSha256(files, base),
      dir,
      ...(format === 2 ? { format } : {}),
    },
    errors: [],
    warnings,
    rules,
  };
}

/** 2 when any question uses the 2.0 format (checkbox, repeat, includes, dismiss), or the base does. */
export function packFormat(
  sections: readonly { questions: readonly Question[] }[],
  base: Pack | undefined,
): 1 | 2 {
  if (base?.format === 2) return 2;
  for (const s of sections)
    for (const q of s.questions.flatMap((x): Question[] => [x, ...(x.questions ?? [])])) {
      if (q.type === 'checkbox' || q.type === 'repeat' || q.dismiss !== undefined) return 2;
      if (q.when)
        for (const { node } of walkConditions(q.when)) if (node.includes !== undefined) return 2;
    }
  return 1;
}

function sortDiagnostics(d: Diagnostic[]): Diagnostic[] {
  return [...d].sort((a, b) =>
    a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line || a.column - b.column,
  );
}
