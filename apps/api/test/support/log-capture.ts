/**
 * Everything the process logs while a spec runs: what Nest's logger writes to stdout and
 * stderr, and anything written through console (as TypeORM's own loggers do).
 */
export interface LogCapture {
  text(): string;
  stop(): void;
}

/** With `echo: false` nothing captured reaches the terminal (for specs that log thousands of lines). */
export function captureLog({ echo = true }: { echo?: boolean } = {}): LogCapture {
  const chunks: string[] = [];
  const streams = [process.stdout, process.stderr];
  const writes = streams.map((stream) => stream.write.bind(stream));
  streams.forEach((stream, index) => {
    stream.write = ((chunk: unknown, ...rest: any[]) => {
      chunks.push(String(chunk));
      if (!echo) {
        const callback = rest.find((arg) => typeof arg === 'function') as (() => void) | undefined;
        if (callback !== undefined) queueMicrotask(callback);
        return true;
      }
      return (writes[index] as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
  });
  const methods = ['log', 'info', 'warn', 'error', 'debug'] as const;
  const originals = methods.map((method) => console[method].bind(console));
  methods.forEach((method, index) => {
    console[method] = (...args: unknown[]) => {
      chunks.push(args.map(String).join(' '));
      if (echo) (originals[index] as (...a: unknown[]) => void)(...args);
    };
  });
  return {
    text: () => chunks.join('\n'),
    stop: () => {
      streams.forEach((stream, index) => {
        stream.write = writes[index] as typeof stream.write;
      });
      methods.forEach((method, index) => {
        console[method] = originals[index] as (typeof console)[typeof method];
      });
    },
  };
}
