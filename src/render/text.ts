// Plain-text helpers for the terminal renderers, and the one sanitiser every piece of text from a
// file (article, record, keyring, pack, config) goes through before it reaches a terminal.

/**
 * C0 controls (except tab and newline), DEL, C1 controls, and the bidirectional overrides and
 * isolates that reorder what is shown (U+202A–U+202E, U+2066–U+2069).
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
// eslint-disable-next-line no-control-regex -- as above, with the newline
const UNSAFE_ONE_LINE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

// eslint-disable-next-line no-control-regex -- a style is ESC [ digits and semicolons m
const STYLE = /(\u001b\[[0-9;]*m)/;

function visible(c: string): string {
  const code = c.charCodeAt(0);
  // C0 and DEL have Unicode "control pictures" (␛ for ESC, ␇ for BEL, ␤ for a newline, ␡ for DEL).
  if (code === 0x0a) return '␤';
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '␡';
  return `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>`;
}

/**
 * Text from a file, made safe to print on a terminal: every control character (ESC, BEL, CR, …),
 * C1 control and bidi override becomes a visible stand-in, so no escape sequence (ESC c resets the
 * terminal, OSC sets its title, CSI moves the cursor) and no reordering ever reaches the screen.
 * Tabs and newlines are kept; with `oneLine`, a newline becomes ␤ so a value cannot forge lines.
 * Styles (colour) are added after this, by the theme.
 */
export function safeTerminal(text: string, options: { oneLine?: boolean } = {}): string {
  return text.replace(options.oneLine ? UNSAFE_ONE_LINE : UNSAFE, visible);
}

/** A one-line value (a table cell, a name, a detail): safeTerminal with newlines shown as ␤. */
export function safeLine(text: string): string {
  return safeTerminal(text, { oneLine: true });
}

/**
 * The last line of defence, for a stream that is a terminal: like safeTerminal, but the colour
 * and bold styles the theme itself writes (SGR, `ESC [ … m`) pass when colour is on.
 */
export function safeTerminalStream(text: string, allowStyles: boolean): string {
  if (!allowStyles) return safeTerminal(text);
  return text
    .split(STYLE)
    .map((part, i) => (i % 2 === 1 ? part : safeTerminal(part)))
    .join('');
}

/** Wrap text to `width` columns, each line prefixed with `indent`. The text is made terminal-safe. */
export function wrap(text: string, width: number, indent: string): string {
  const words = safeTerminal(text).replace(/\s+/g, ' ').trim().split(' ');
  const lines: string[] = [];
  let line = '';
  for (const w of words) {
    if (line && line.length + 1 + w.length > width) {
      lines.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) lines.push(line);
  return lines.map((l) => indent + l).join('\n');
}
