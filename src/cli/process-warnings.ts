/**
 * The AWS SDK warns on every start that releases after January 2027 need Node 22; the locked
 * version runs on Node 20, and the notice would drown command output. Other warnings still show.
 */
export function hideNodeVersionNotice(): void {
  process.removeAllListeners('warning');
  process.on('warning', (w) => {
    if (w.name !== 'NodeVersionSupportWarning' && !w.message.includes('NodeVersionSupportWarning')) process.stderr.write(`${w.name}: ${w.message}\n`);
  });
}
