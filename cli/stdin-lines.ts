/**
 * Secrets (PINs, the 管理口令) come from standard input, one per line — never from the command line, where they
 * would show in the process list and the shell history. On a terminal each line is asked for on stderr.
 */

/** Reads `prompts.length` lines from the process's standard input (fewer when it ends first). */
export function readStdinLines(prompts: readonly string[]): Promise<string[]> {
  const stdin = process.stdin;
  const lines: string[] = [];
  const ask = () => {
    if (stdin.isTTY && lines.length < prompts.length) process.stderr.write(`${prompts[lines.length]}：`);
  };
  return new Promise((resolve, reject) => {
    let buffer = '';
    const finish = () => {
      stdin.off('data', onData);
      stdin.off('end', onEnd);
      stdin.off('error', onError);
      stdin.pause();
      if (!stdin.isTTY) stdin.destroy();
      resolve(lines.map((l) => l.replace(/\r$/, '')));
    };
    const onData = (chunk: string) => {
      buffer += chunk;
      for (let nl = buffer.indexOf('\n'); nl >= 0 && lines.length < prompts.length; nl = buffer.indexOf('\n')) {
        lines.push(buffer.slice(0, nl));
        buffer = buffer.slice(nl + 1);
        if (lines.length === prompts.length) return finish();
        ask();
      }
    };
    const onEnd = () => {
      if (buffer && lines.length < prompts.length) lines.push(buffer);
      finish();
    };
    const onError = (e: Error) => reject(e);
    ask();
    stdin.setEncoding('utf8');
    stdin.on('data', onData);
    stdin.on('end', onEnd);
    stdin.on('error', onError);
    stdin.resume();
  });
}
