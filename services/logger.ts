/**
 * The app's log: what went wrong (and, for issue 18, how long things took), for the office's IT person and for
 * us — never shown to the editor as is. A `Logger` is handed to whoever needs one (services/container.ts makes
 * the app's, electron/main.ts gives it a file); nothing logs through a global.
 *
 *     logger.error('导出线程意外退出', err, { code: 1 });
 *     logger.info('export', { ms: 412, pages: 4 });          // a timing: the numbers go in `fields`
 *     const worker = logger.child('worker');                  // lines tagged [worker]
 *
 * Logging never throws and never blocks the caller on a failing disk: a log that cannot be written is dropped
 * (see log-file.ts), the app goes on.
 */

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

/** Extra facts of a line: flat, JSON-friendly values (a timing's `ms`, a page count, an issue id). */
export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** One line of the log, as a sink receives it. */
export interface LogRecord {
  readonly time: Date;
  readonly level: LogLevel;
  /** Where it comes from: 'main', 'worker', 'renderer', 'preview', … (child loggers join theirs with '/'). */
  readonly scope: string;
  readonly message: string;
  readonly fields?: LogFields;
  /** An error's name, message and stack, when one was given. */
  readonly error?: string;
}

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  /** `error` may be anything thrown; its stack (or its text) is kept. */
  error(message: string, error?: unknown, fields?: LogFields): void;
  /** A logger whose lines carry `scope` after this one's (e.g. 'main' → 'main/export'). */
  child(scope: string): Logger;
}

/** Where records go: a file (log-file.ts), memory (tests), nowhere. Must not throw. */
export type LogSink = (record: LogRecord) => void;

export interface LoggerOptions {
  readonly sink: LogSink;
  readonly scope?: string;
  /** The lowest level kept (default 'info'). */
  readonly level?: LogLevel;
  readonly now?: () => Date;
}

const RANK: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3 };

/** A logger over a sink. A sink that throws anyway is ignored: logging never breaks the caller. */
export function createLogger(options: LoggerOptions): Logger {
  const min = RANK[options.level ?? 'info'];
  const now = options.now ?? (() => new Date());
  const make = (scope: string): Logger => {
    const emit = (level: LogLevel, message: string, fields?: LogFields, error?: unknown) => {
      if (RANK[level] < min) return;
      try {
        options.sink({
          time: now(),
          level,
          scope,
          message,
          ...(fields && Object.keys(fields).length ? { fields } : {}),
          ...(error !== undefined ? { error: describeError(error) } : {}),
        });
      } catch {
        /* a log must never break what it records */
      }
    };
    return {
      debug: (message, fields) => emit('debug', message, fields),
      info: (message, fields) => emit('info', message, fields),
      warn: (message, fields) => emit('warn', message, fields),
      error: (message, error, fields) => emit('error', message, fields, error),
      child: (name) => make(scope ? `${scope}/${name}` : name),
    };
  };
  return make(options.scope ?? '');
}

/** A logger that keeps nothing (the default of the services when none is given). */
export function silentLogger(): Logger {
  return createLogger({ sink: () => undefined });
}

/** A logger that keeps its records in an array (tests). */
export function memoryLogger(options: { readonly level?: LogLevel } = {}): Logger & { readonly records: LogRecord[] } {
  const records: LogRecord[] = [];
  return Object.assign(createLogger({ sink: (r) => records.push(r), level: options.level ?? 'debug' }), { records });
}

/** An error as text: its stack when it has one (which starts with name and message), else its message or JSON. */
export function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    const head = error.stack ?? `${error.name}: ${error.message}`;
    return code && !head.includes(code) ? `${head} (code ${code})` : head;
  }
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

/**
 * One record as one or more text lines: `2026-12-02T07:00:00.000Z ERROR [main/export] 导出失败 {"id":"…"}`,
 * then the error's stack indented. Newlines inside the message are escaped so a record's first line is whole.
 */
export function formatRecord(record: LogRecord): string {
  const head = [
    record.time.toISOString(),
    record.level.toUpperCase().padEnd(5),
    record.scope ? `[${record.scope}]` : '',
    record.message.replace(/\r?\n/g, '\\n'),
    record.fields ? JSON.stringify(record.fields) : '',
  ]
    .filter(Boolean)
    .join(' ');
  if (!record.error) return `${head}\n`;
  return `${head}\n${record.error.split(/\r?\n/).map((l) => `    ${l}`).join('\n')}\n`;
}
