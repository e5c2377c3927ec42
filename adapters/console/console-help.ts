/** The console's own tips, shown for "help" above the /factory help card. */
export const CONSOLE_TIPS = [
  'This terminal is a chat with the bot:',
  '  /factory run demo   start the demo pipeline (or just: run demo)',
  '  /factory status     what is running (or just: status)',
  '  2                   press the button printed as [2] on a card',
  'Cards that change are printed again, marked "↻ updated #n": use the numbers on the newest copy.',
  'exit or Ctrl-D leaves (so does Ctrl-C, which also cancels a question).',
].join('\n');
