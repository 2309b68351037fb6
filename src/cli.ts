// The commander program: one flag registry, lazy command modules, one place for exit codes.
import { Command, CommanderError, Option } from 'commander';
import { Cancelled, CheckFailed, EXIT, UserError } from './errors.js';
import type { Context } from './context.js';
import {
  DECISIONS,
  EXPORT_FORMATS,
  KEY_ROLES,
  OUTPUT_FORMATS,
  REVIEW_ROLES,
  SECTION_CHOICES,
  SEVERITY_CHOICES,
} from './commands/lib/options.js';
import { PACKAGE_VERSION } from './adapters/package.js';
import type * as TextModule from './render/text.js';

// Loaded when a command runs or an error is reported, so `--version` and `--help` stay fast.
type Text = typeof TextModule;
const loadText = (): Promise<Text> => import('./render/text.js');

type Action = (
  args: readonly unknown[],
  options: Record<string, unknown>,
  ctx: Context,
) => Promise<number | void>;
type Loader = () => Promise<{ execute: Action }>;

function examples(lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

/** The process around a run: the bin passes the real one; tests may pass their own. */
export interface Io {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdinIsTTY: boolean;
  readonly stdoutIsTTY: boolean;
  readonly stderrIsTTY: boolean;
  readonly writeOut: (text: string) => void;
  readonly writeErr: (text: string) => void;
}

export function processIo(): Io {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdinIsTTY: Boolean(process.stdin.isTTY),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    writeOut: (text) => void process.stdout.write(text),
    writeErr: (text) => void process.stderr.write(text),
  };
}

function makeContext(globals: Record<string, unknown>, text: Text, io: Io): Context {
  const env = io.env;
  const noColorEnv = env.NO_COLOR !== undefined && env.NO_COLOR !== '';
  const allowed = globals.color !== false && !noColorEnv && env.TERM !== 'dumb';
  const color = allowed && io.stderrIsTTY;
  const colorOut = allowed && io.stdoutIsTTY;
  return {
    cwd: io.cwd,
    env,
    color,
    colorOut,
    debug: globals.debug === true,
    interactive: io.stdinIsTTY && io.stderrIsTTY,
    stdinIsTTY: io.stdinIsTTY,
    // A terminal never gets a raw control character: the renderers make file-derived text safe,
    // and this catches anything they missed (the theme's own colour styles pass when colour is on).
    stdout: (out) => io.writeOut(io.stdoutIsTTY ? text.safeTerminalStream(out, colorOut) : out),
    stderr: (out) => io.writeErr(io.stderrIsTTY ? text.safeTerminalStream(out, color) : out),
  };
}

export function buildProgram(
  run: (loader: Loader, cmd: Command, args: unknown[]) => Promise<void>,
): Command {
  const program = new Command('prepub');
  program
    .description(
      'Pre-publication checks for newsrooms: scan a draft for legal and safety risks, answer the questions a media lawyer would ask, and sign the record.',
    )
    .version(PACKAGE_VERSION, '-V, --version', 'print the version')
    .option('--debug', 'show stack traces for internal errors')
    .option('--no-color', 'plain output without colour (also NO_COLOR=1)')
    .showHelpAfterError('(run with --help for usage)')
    .configureHelp({ sortSubcommands: false })
    .addHelpText(
      'after',
      examples([
        'prepub check examples/community-fete.md',
        'prepub scan draft.md --format json',
        'prepub review draft.md.prepub.json',
        'prepub verify draft.md.prepub.json --trust /etc/prepub/keyring.json',
      ]),
    );

  const jsonOption = () => new Option('--json', 'the same as --format json');
  const formatOption = () =>
    new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS).default('text');
  const on = (loader: Loader) =>
    async function (this: Command, ...args: unknown[]) {
      await run(loader, this, args.slice(0, -2));
    };

  program
    .command('check')
    .description('walk the checklist for an article and write the record')
    .argument('[article]', 'the draft (.md, .txt, .html, .docx, or - for stdin)')
    .option('--checklist <id|path>', 'checklist pack to use (default from config, else uk-ew)')
    .option('--answers <file>', 'answers from a YAML or JSON file (no terminal needed)')
    .option('--out <file>', 'record path (default: <article>.prepub.json)')
    .option('--force', '--out may replace an existing file that is not a prepub record')
    .option('--resume <record>', 'continue a draft record')
    .option('--replies <file>', "replies to the desk's queries from a YAML or JSON file")
    .option('--file', 'sign and file the record at the end')
    .option('--no-input', 'never prompt; list what is missing and exit 2')
    .option('--slug <slug>', "the story's slug")
    .option('--headline <text>', "the story's headline")
    .option('--desk <desk>', 'the desk (news, politics, sport, …)')
    .option('--reporter <name>', "the reporter's name")
    .option('--key <file>', 'private key to sign with when filing')
    .option('--ignore <rule=reason...>', 'suppress a scan rule, with the reason')
    .addOption(formatOption())
    .addOption(jsonOption())
    .addHelpText(
      'after',
      examples([
        'prepub check draft.md',
        'prepub check draft.md --answers answers.yaml --no-input',
        'prepub check --resume draft.md.prepub.json',
      ]),
    )
    .action(on(() => import('./commands/check.js')));

  program
    .command('scan')
    .description('scan a draft for risk triggers; no questions asked')
    .argument('<article>', 'the draft (.md, .txt, .html, .docx, or - for stdin)')
    .option('--checklist <id|path>', 'pack whose rules to use (default from config, else uk-ew)')
    .addOption(
      new Option('--fail-on <severity>', 'exit 1 if any finding is at or above this severity')
        .choices(SEVERITY_CHOICES)
        .default('blocker'),
    )
    .addOption(new Option('--section <id...>', 'only these sections').choices(SECTION_CHOICES))
    .option('--ignore <rule=reason...>', 'suppress a rule, with the reason (listed, never silent)')
    .option('--max-bytes <n>', 'largest input accepted', '10000000')
    .option('--verbose', 'show rule ids and every place of a repeated finding')
    .addOption(formatOption())
    .addOption(jsonOption())
    .addHelpText(
      'after',
      examples([
        'prepub scan draft.md',
        'prepub scan draft.docx --format json',
        'cat draft.txt | prepub scan - --fail-on high',
      ]),
    )
    .action(on(() => import('./commands/scan.js')));

  program
    .command('file')
    .description('sign and file a record as its reporter')
    .argument('<record>', 'the record (*.prepub.json)')
    .option('--confirm', 'confirm the filing statement without a prompt')
    .option('--no-input', 'never prompt')
    .option('--key <file>', 'private key to sign with')
    .option('--article <file>', 'the article, if not at the path in the record')
    .option('--keyring <file>', 'the keyring, to check your key is trusted (default from config)')
    .addOption(formatOption())
    .addOption(jsonOption())
    .addHelpText(
      'after',
      examples([
        'prepub file draft.md.prepub.json',
        'prepub file draft.md.prepub.json --confirm --no-input',
      ]),
    )
    .action(on(() => import('./commands/file.js')));

  program
    .command('review')
    .description('desk editor or lawyer: review the flagged items, approve or return, sign')
    .argument('<record>', 'the record (*.prepub.json)')
    .option('--article <file>', 'the article, to check it is the text that was filed')
    .addOption(
      new Option('--role <role>', 'sign as editor or lawyer')
        .choices(REVIEW_ROLES)
        .default('editor'),
    )
    .addOption(
      new Option('--decision <decision>', 'approve or return (with --no-input)').choices(DECISIONS),
    )
    .option('--comment <text>', 'the comment for the decision')
    .option('--reviews <file>', 'item reviews from a YAML or JSON file')
    .option(
      '--accept-all',
      'approve every item without item review (signed into your statement, shown on the sheet)',
    )
    .option('--verbose', 'show item ids beside their titles')
    .option('--no-input', 'never prompt')
    .option('--key <file>', 'private key to sign with')
    .option('--keyring <file>', 'the trusted keys, to check the filing (default from config)')
    .addOption(formatOption())
    .addOption(jsonOption())
    .addHelpText(
      'after',
      examples([
        'prepub review draft.md.prepub.json',
        'prepub review draft.md.prepub.json --decision approve --comment "Cleared" --no-input',
      ]),
    )
    .action(on(() => import('./commands/review.js')));

  program
    .command('verify')
    .description(
      'the publication gate: signatures, policy, evidence and the exact text; exit 0 only if approved',
    )
    .argument('[record]', 'the record (*.prepub.json)')
    .option(
      '--article <file>',
      'the text about to be published (default: the article the record names, beside it)',
    )
    .option('--no-article', 'do not check the text (the output says "text not checked")')
    .option(
      '--trust <file>',
      "the trust root: the keyring (keys, roles, revocations, policy) the gate pins (or PREPUB_TRUST, or the gate's own config)",
    )
    .option('--keyring <file>', 'the same as --trust')
    .option(
      '--allow-unknown-checklist',
      'archives: pass when the checklist the record names is not installed (said in the output)',
    )
    .option('--extract <dir>', "write each envelope's payload.json, pae.bin and sig.bin")
    .option('--force', '--extract may replace files already in the folder')
    .addOption(formatOption())
    .addOption(jsonOption())
    .addHelpText(
      'after',
      examples([
        'prepub verify story.prepub.json --trust /etc/prepub/keyring.json',
        'prepub verify story.prepub.json --article story.md --trust /etc/prepub/keyring.json',
        'prepub verify story.prepub.json --extract envelopes/',
      ]),
    )
    .action(on(() => import('./commands/verify.js')));

  program
    .command('status')
    .description('list the records under a folder: story, reporter, state, risk, valid?')
    .argument('[dir]', 'folder to search (default: recordsDir from config, else here)')
    .option('--keyring <file>', 'the trusted keys (default from config)')
    .option(
      '--no-cache',
      'check every signature afresh, not trusting the cache of ones already checked',
    )
    .addOption(
      new Option('--status <status>', 'only records in this state').choices([
        'draft',
        'filed',
        'returned',
        'approved',
        'invalid',
      ]),
    )
    .option('--desk <desk>', 'only records of this desk')
    .option('--reporter <name>', "only this reporter's records")
    .option('--since <date>', 'only records changed since then (2026-12-01, or a full time)')
    .addOption(
      new Option(
        '--needs <who>',
        'only records waiting for you (me: your role from your key in the keyring) or a role',
      ).choices(['me', 'reporter', 'editor', 'lawyer']),
    )
    .addOption(formatOption())
    .addOption(jsonOption())
    .addHelpText(
      'after',
      examples([
        'prepub status records/',
        'prepub status records/ --needs me',
        'prepub status records/ --status returned --desk politics --since 2026-12-01',
        'prepub status --format json',
      ]),
    )
    .action(on(() => import('./commands/status.js')));

  program
    .command('export')
    .description('a sign-off sheet for people and archives')
    .argument('<record>', 'the record (*.prepub.json)')
    .addOption(
      new Option('--format <format>', 'sheet format').choices(EXPORT_FORMATS).default('md'),
    )
    .addOption(jsonOption())
    .option('--out <file>', 'write to a file instead of stdout (a new file, unless --force)')
    .option('--force', '--out may replace an existing file (never an input or a private key)')
    .option('--keyring <file>', 'the trusted keys, to show which signatures verify')
    .addHelpText(
      'after',
      examples(['prepub export story.prepub.json --format html --out sheet.html']),
    )
    .action(on(() => import('./commands/export.js')));

  const checklists = program
    .command('checklists')
    .description('list, show and validate checklist packs');
  checklists
    .command('list')
    .description('the built-in packs and those in configured folders')
    .addOption(formatOption())
    .addOption(jsonOption())
    .addHelpText(
      'after',
      examples(['prepub checklists list', 'prepub checklists list --format json']),
    )
    .action(on(() => import('./commands/checklists/list.js')));
  checklists
    .command('show')
    .description("a pack's sections, questions, guidance and citations")
    .argument('<id>', 'pack id or folder')
    .addOption(formatOption())
    .addOption(jsonOption())
    .addHelpText(
      'after',
      examples(['prepub checklists show uk-ew', 'prepub checklists show uk-ew --format json']),
    )
    .action(on(() => import('./commands/checklists/show.js')));
  checklists
    .command('validate')
    .description('check a pack folder; exit 2 listing every error with its position')
    .argument('<path>', 'pack folder (or its pack.yaml)')
    .addOption(formatOption())
    .addOption(jsonOption())
    .addHelpText('after', examples(['prepub checklists validate checklists/uk-ew']))
    .action(on(() => import('./commands/checklists/validate.js')));

  const keys = program.command('keys').description('signing keys and the newsroom keyring');
  keys
    .command('generate')
    .description('make an Ed25519 key pair under $XDG_CONFIG_HOME/prepub/keys')
    .option('--name <name>', 'a name for the key (default: your name from config)')
    .option('--no-passphrase', 'do not encrypt the private key')
    .option('--no-input', 'never prompt (passphrase from PREPUB_PASSPHRASE)')
    .addHelpText('after', examples(['prepub keys generate --name "Jane Reporter"']))
    .action(on(() => import('./commands/keys/generate.js')));
  keys
    .command('list')
    .description('your keys; with --keyring, the keys a keyring trusts')
    .option(
      '--keyring <file>',
      'list who this keyring trusts: role, name, key id, added, expiry, revocation',
    )
    .addHelpText(
      'after',
      examples([
        'prepub keys list',
        'prepub keys list --format json',
        'prepub keys list --keyring keyring.json',
      ]),
    )
    .addOption(formatOption())
    .addOption(jsonOption())
    .action(on(() => import('./commands/keys/list.js')));
  keys
    .command('export')
    .description('print a public key (SPKI PEM) and its key id')
    .argument('[name]', 'key name or id (default: your key)')
    .option('--out <file>', 'write the PEM to a file (a new file, unless --force)')
    .option('--force', '--out may replace an existing file (never a private key)')
    .addHelpText('after', examples(['prepub keys export "Sam Reporter" --out sam.pem']))
    .action(on(() => import('./commands/keys/export.js')));
  keys
    .command('trust')
    .description('add a public key to a keyring with a role')
    .argument('<public.pem>', 'the public key')
    .requiredOption('--name <name>', "the signer's name")
    .addOption(
      new Option('--role <role>', 'the role it may sign as')
        .choices(KEY_ROLES)
        .makeOptionMandatory(),
    )
    .option('--keyring <file>', 'the keyring file (default from config)')
    .option('--expires <time>', 'no signature by the key verifies after this (ISO 8601 time)')
    .addHelpText(
      'after',
      examples([
        'prepub keys trust jane.pem --name "Jane Reporter" --role reporter --keyring keyring.json',
        'prepub keys trust lara.pem --name "Lara Lawyer" --role lawyer --expires 2027-12-31T23:59:59Z',
      ]),
    )
    .action(on(() => import('./commands/keys/trust.js')));
  keys
    .command('revoke')
    .description('revoke a key in a keyring: no signature by it verifies any more')
    .argument('<name|keyid>', "the key's name in the keyring, or its key id (8 or more hex digits)")
    .option('--reason <text>', 'why (kept in the keyring, shown by keys list)')
    .option('--keyring <file>', 'the keyring file (default from config)')
    .addHelpText(
      'after',
      examples(['prepub keys revoke "Ed Itor" --reason "laptop stolen" --keyring keyring.json']),
    )
    .action(on(() => import('./commands/keys/revoke.js')));

  return program;
}

/**
 * Error messages quote file contents (a headline, a key name, a path from a record), so each is
 * made terminal-safe here: the message and each diagnostic on one line, the hint as written.
 */
async function report(
  ctx: Pick<Context, 'stderr' | 'debug'>,
  thrown: unknown,
  writeOut: (text: string) => void,
): Promise<number> {
  const [{ safeLine, safeTerminal }, { environmentFailure }] = await Promise.all([
    loadText(),
    import('./adapters/write-errors.js'),
  ]);
  const error = environmentFailure(thrown) ?? thrown;
  if (error instanceof UserError) {
    if (error.options.json !== undefined)
      writeOut(`${JSON.stringify(error.options.json, null, 2)}\n`);
    ctx.stderr(`prepub: ${safeLine(error.message)}\n`);
    for (const line of error.options.lines ?? []) ctx.stderr(`  ${safeLine(line)}\n`);
    if (error.options.hint) ctx.stderr(`${safeTerminal(error.options.hint)}\n`);
    return EXIT.usage;
  }
  if (error instanceof CheckFailed) {
    ctx.stderr(`prepub: ${safeLine(error.message)}\n`);
    for (const line of error.lines) ctx.stderr(`  ${safeLine(line)}\n`);
    return EXIT.failed;
  }
  if (error instanceof Cancelled) {
    ctx.stderr(`\n${safeTerminal(error.message)}\n`);
    return EXIT.cancelled;
  }
  const message = safeLine(error instanceof Error ? error.message : String(error));
  ctx.stderr(
    `prepub: internal error: ${message}\nThis is a bug in prepub. Run again with --debug to see where it happened, and report it.\n`,
  );
  if (ctx.debug && error instanceof Error && error.stack)
    ctx.stderr(`${safeTerminal(error.stack)}\n`);
  return EXIT.bug;
}

/** Runs the CLI and returns the exit code. Nothing else in prepub decides an exit code. */
export function main(argv: readonly string[]): Promise<number> {
  return run(argv, processIo());
}

/** The same, around a given process (cwd, env, output streams): the bin's exit codes and output. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  let ctx: Context | undefined;
  let code: number = EXIT.ok;
  const program = buildProgram(async (loader, cmd, args) => {
    ctx = makeContext(cmd.optsWithGlobals(), await loadText(), io);
    const mod = await loader();
    const { json, ...options } = cmd.opts<Record<string, unknown>>();
    if (json === true) options.format = 'json';
    const result = await mod.execute(args, options, ctx);
    code = typeof result === 'number' ? result : EXIT.ok;
  });
  program.exitOverride();
  // Commander's errors quote what was typed (`argument 'x' is invalid`): they are held here and
  // written terminal-safe once parsing has stopped.
  let commanderErr = '';
  const output = {
    writeOut: (s: string) => io.writeOut(s),
    writeErr: (s: string) => void (commanderErr += s),
  };
  program.configureOutput(output);
  for (const sub of program.commands) {
    sub.exitOverride().configureOutput(output);
    for (const subsub of sub.commands) subsub.exitOverride().configureOutput(output);
  }
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync([...argv]);
    return code;
  } catch (error) {
    if (commanderErr) io.writeErr((await loadText()).safeTerminal(commanderErr));
    commanderErr = '';
    if (error instanceof CommanderError) {
      // commander has already printed its message (help, version, or a usage error).
      // `prepub` or `prepub keys` alone shows the help as an error (exit 2); --help is exit 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    return report(ctx ?? { stderr: io.writeErr, debug }, error, io.writeOut);
  } finally {
    if (commanderErr) io.writeErr((await loadText()).safeTerminal(commanderErr));
  }
}
