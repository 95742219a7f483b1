import { connect, Socket } from 'node:net';

export interface OpenLoopOptions {
  readonly host: string;
  readonly port: number;
  readonly path: string;
  readonly headers?: Record<string, string>;
  /** Keep-alive connections opened before the clock starts. */
  readonly connections: number;
  /** Requests per second across all connections, evenly spaced. */
  readonly rate: number;
  readonly durationS: number;
}

export interface OpenLoopResult {
  readonly sent: number;
  readonly completed: number;
  readonly non2xx: number;
  readonly errors: number;
  /** Milliseconds from when each request was due (not when it could be sent) to its answer. */
  readonly latencies: readonly number[];
  /** CPU this process used while the load ran, in % of one core. */
  readonly loadCpuPercent: number;
}

interface Connection {
  readonly socket: Socket;
  buffer: Buffer;
  /** Due times of requests sent or waiting on this connection, oldest first. */
  readonly due: number[];
  inFlight: boolean;
}

/**
 * An open-loop load: `rate` requests per second, request k due at k / rate seconds and given to
 * connection k mod `connections`, whatever the server's pace (so a slow answer shows up as
 * latency of the requests behind it, with no coordinated omission). Each connection is a plain
 * keep-alive HTTP/1.1 socket without pipelining. Light enough on CPU to share the machine.
 */
export async function openLoop(options: OpenLoopOptions): Promise<OpenLoopResult> {
  const headerLines = Object.entries(options.headers ?? {})
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  const request = Buffer.from(
    `GET ${options.path} HTTP/1.1\r\nHost: ${options.host}:${options.port}\r\n${headerLines}\r\n`,
  );
  const latencies: number[] = [];
  let non2xx = 0;
  let errors = 0;
  let sent = 0;

  const send = (connection: Connection) => {
    connection.inFlight = true;
    sent += 1;
    connection.socket.write(request);
  };
  const onData = (connection: Connection, chunk: Buffer) => {
    connection.buffer =
      connection.buffer.length > 0 ? Buffer.concat([connection.buffer, chunk]) : chunk;
    for (;;) {
      const end = connection.buffer.indexOf('\r\n\r\n');
      if (end === -1) return;
      const head = connection.buffer.subarray(0, end).toString('latin1');
      const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
      if (connection.buffer.length < end + 4 + length) return;
      connection.buffer = connection.buffer.subarray(end + 4 + length);
      const status = Number(head.slice(9, 12));
      if (status < 200 || status > 299) non2xx += 1;
      latencies.push(performance.now() - connection.due.shift()!);
      connection.inFlight = false;
      if (connection.due.length > 0) send(connection);
    }
  };

  const connections = await Promise.all(
    Array.from(
      { length: options.connections },
      () =>
        new Promise<Connection>((resolve, reject) => {
          const socket = connect(options.port, options.host);
          const connection: Connection = {
            socket,
            buffer: Buffer.alloc(0),
            due: [],
            inFlight: false,
          };
          socket.setNoDelay(true);
          socket.once('connect', () => resolve(connection));
          socket.once('error', reject);
          socket.on('data', (chunk: Buffer) => onData(connection, chunk));
        }),
    ),
  );
  for (const { socket } of connections) {
    socket.removeAllListeners('error');
    socket.on('error', () => (errors += 1));
    socket.on('close', () => (errors += 1));
  }

  const cpu = process.cpuUsage();
  const started = performance.now();
  const total = Math.round(options.rate * options.durationS);
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = setInterval(() => {
      const now = performance.now();
      while (next < total && started + (next * 1000) / options.rate <= now) {
        const connection = connections[next % connections.length];
        connection.due.push(started + (next * 1000) / options.rate);
        if (!connection.inFlight) send(connection);
        next += 1;
      }
      if (next >= total) {
        clearInterval(tick);
        resolve();
      }
    }, 2);
  });
  // Let the last answers arrive (up to 10 s), then close.
  const deadline = performance.now() + 10_000;
  while (latencies.length + errors < total && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const used = process.cpuUsage(cpu);
  const loadCpuPercent = ((used.user + used.system) / 1000 / (performance.now() - started)) * 100;
  const closedEarly = errors;
  for (const { socket } of connections) {
    socket.removeAllListeners('close');
    socket.destroy();
  }
  return {
    sent,
    completed: latencies.length,
    non2xx,
    errors:
      closedEarly + (total - latencies.length - closedEarly > 0 ? total - latencies.length : 0),
    latencies,
    loadCpuPercent,
  };
}
