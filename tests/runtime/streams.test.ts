import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { program, run } from "../helpers.ts";

const head = `import * as asyncio from "asyncio";`;

/** An echo server as in the asyncio docs: one line back, then close. */
const echoServer = [
  `async function handleEcho(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) {`,
  `  const data = await reader.readline();`,
  `  console.log("server: received", data, "from", writer.getExtraInfo("peername"));`,
  `  writer.write(data);`,
  `  await writer.drain();`,
  `  writer.close();`,
  `  await writer.waitClosed();`,
  `}`,
];

describe("streams", () => {
  test("run an echo server and client, the handler as a new task per connection", async () => {
    const r = await run(
      program(
        head,
        ...echoServer,
        `async function client(message: string) {`,
        `  const [reader, writer] = await asyncio.openConnection("127.0.0.1", 8888);`,
        `  writer.write(message + "\\n");`,
        `  const reply = await reader.readline();`,
        `  console.log("client: received", new TextDecoder().decode(reply).trimEnd());`,
        `  writer.close();`,
        `  await writer.waitClosed();`,
        `}`,
        `asyncio.run(async () => {`,
        `  const server = await asyncio.startServer(handleEcho, "127.0.0.1", 8888);`,
        `  console.log(String(server), String(server.sockets[0]));`,
        `  await asyncio.gather(client("héllo"), client("world"));`,
        `  server.close();`,
        `  await server.waitClosed();`,
        `  console.log(String(server), server.isServing());`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(
      r.lines.map((l) => `[${l.t.toFixed(3)}s] ${l.task}: ${l.text}`),
      [
        "[0.000s] Task-1: <Server [serving, 127.0.0.1:8888, connections:0]> <socket laddr=('127.0.0.1', 8888)>",
        "[0.003s] Task-4: server: received b'h\\xc3\\xa9llo\\n' from [ '127.0.0.1', 50000 ]",
        "[0.003s] Task-5: server: received b'world\\n' from [ '127.0.0.1', 50001 ]",
        "[0.004s] Task-2: client: received héllo",
        "[0.004s] Task-3: client: received world",
        "[0.004s] Task-1: <Server [closed, connections:0]> false",
      ],
    );
  });

  test("read lines, exact sizes and separators, and raise IncompleteReadError at a short EOF", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  await asyncio.startServer((reader, writer) => {`,
        `    writer.writelines(["HEAD 12\\r\\n", "line one\\nline two\\n", "abcd", "tail"]);`,
        `    writer.close();`,
        `  }, "127.0.0.1", 8888);`,
        `  const [reader] = await asyncio.openConnection("127.0.0.1", 8888);`,
        `  console.log(await reader.readuntil("\\r\\n"));`,
        `  console.log(await reader.readline(), await reader.readline());`,
        `  console.log(await reader.readexactly(4), String(reader));`,
        `  try {`,
        `    await reader.readexactly(10);`,
        `  } catch (err) {`,
        `    console.log(String(err), err.partial, err.expected);`,
        `  }`,
        `  console.log(await reader.readline(), await reader.read(), reader.atEof(), String(reader));`,
        `  try {`,
        `    await reader.readuntil("!");`,
        `  } catch (err) {`,
        `    console.log(err instanceof asyncio.IncompleteReadError, err.partial);`,
        `  }`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, [
      "[0.002s] b'HEAD 12\\r\\n'",
      "[0.002s] b'line one\\n' b'line two\\n'",
      "[0.002s] b'abcd' <StreamReader [4 bytes, eof]>",
      "[0.002s] IncompleteReadError: 4 bytes read on a total of 10 expected bytes b'tail' 10",
      "[0.002s] b'' b'' true <StreamReader [empty, eof]>",
      "[0.002s] true b''",
    ]);
  });

  test("raise LimitOverrunError past the limit, and readline turns it into ValueError and drops the line", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const reader = new asyncio.StreamReader(8);`,
        `  reader.feedData("a very long line\\nok\\n");`,
        `  try {`,
        `    await reader.readline();`,
        `  } catch (err) {`,
        `    console.log(err instanceof asyncio.ValueError, String(err));`,
        `  }`,
        `  console.log(await reader.readline());`,
        `  reader.feedData("no separator here");`,
        `  try {`,
        `    await reader.readuntil("\\n");`,
        `  } catch (err) {`,
        `    console.log(String(err), err.consumed, String(reader));`,
        `  }`,
        `});`,
      ),
    );
    assert.deepEqual(r.out, [
      "[0.000s] true ValueError: Separator is found, but chunk is longer than limit",
      "[0.000s] b'ok\\n'",
      "[0.000s] LimitOverrunError: Separator is not found, and chunk exceed the limit 17 <StreamReader [17 bytes, limit=8]>",
    ]);
  });

  test("make drain() wait above 64 KiB until the peer's reads bring the buffer to 16 KiB", async () => {
    const r = await run(
      program(
        head,
        `async function slowReader(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) {`,
        `  for (;;) {`,
        `    const chunk = await reader.read(32 * 1024);`,
        `    if (chunk.length === 0) break;`,
        `    console.log("server: read", chunk.length);`,
        `    await asyncio.sleep(1);`,
        `  }`,
        `  writer.close();`,
        `}`,
        `asyncio.run(async () => {`,
        `  await asyncio.startServer(slowReader, "127.0.0.1", 8888);`,
        `  const [reader, writer] = await asyncio.openConnection("127.0.0.1", 8888);`,
        `  for (let i = 0; i < 2; i++) {`,
        `    writer.write(new Uint8Array(48 * 1024));`,
        `    console.log("client: wrote", String(writer));`,
        `    await writer.drain();`,
        `    console.log("client: drained");`,
        `  }`,
        `  writer.close();`,
        `  await writer.waitClosed();`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, [
      "[0.002s] client: wrote <StreamWriter [open, peer=127.0.0.1:8888, buffered=49152]>",
      "[0.002s] client: drained",
      "[0.002s] client: wrote <StreamWriter [open, peer=127.0.0.1:8888, buffered=98304]>",
      "[0.003s] server: read 32768",
      "[1.003s] server: read 32768",
      "[2.003s] server: read 32768",
      // The window update of the last read takes the latency back to the writer.
      "[2.004s] client: drained",
    ]);
  });

  test("name what a task waits on while reading or draining", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  await asyncio.startServer(async (reader) => { await asyncio.sleep(10); }, "127.0.0.1", 8888);`,
        `  const [reader, writer] = await asyncio.openConnection("127.0.0.1", 8888);`,
        `  const readTask = asyncio.createTask(() => reader.readline(), { name: "reader" });`,
        `  writer.write(new Uint8Array(70000));`,
        `  const drainTask = asyncio.createTask(() => writer.drain(), { name: "drainer" });`,
        `  await asyncio.sleep(1);`,
        `  console.log(String(readTask));`,
        `  console.log(String(drainTask));`,
        `  console.log(String(reader));`,
        `  try {`,
        `    await reader.read(5);`,
        `  } catch (err) {`,
        `    console.log(String(err));`,
        `  }`,
        `  readTask.cancel();`,
        `  drainTask.cancel();`,
        `});`,
      ),
    );
    assert.deepEqual(r.out, [
      "[1.002s] <Task reader [pending, waiting on StreamReader.readuntil(b'\\n')]>",
      "[1.002s] <Task drainer [pending, waiting on StreamWriter.drain()]>",
      "[1.002s] <StreamReader [empty, waiting on StreamReader.readuntil(b'\\n')]>",
      "[1.002s] RuntimeError: read() called while another coroutine is already waiting for incoming data",
    ]);
  });

  test("iterate a reader line by line with for await, and cancel a task waiting in it", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  await asyncio.startServer(async (reader, writer) => {`,
        `    for (const word of ["one", "two", "three"]) {`,
        `      writer.write(word + "\\n");`,
        `      await asyncio.sleep(1);`,
        `    }`,
        `    await asyncio.sleep(100);`,
        `  }, "127.0.0.1", 8888);`,
        `  const [reader] = await asyncio.openConnection("127.0.0.1", 8888);`,
        `  const consumer = asyncio.createTask(async () => {`,
        `    for await (const line of reader) console.log(line);`,
        `  }, { name: "consumer" });`,
        `  await asyncio.sleep(5);`,
        `  console.log(String(consumer));`,
        `  consumer.cancel();`,
        `  await asyncio.gather(consumer, { returnExceptions: true });`,
        `  console.log(String(consumer));`,
        `});`,
      ),
    );
    assert.deepEqual(r.out, [
      "[0.002s] b'one\\n'",
      "[1.002s] b'two\\n'",
      "[2.002s] b'three\\n'",
      "[5.002s] <Task consumer [pending, waiting on StreamReader.readuntil(b'\\n')]>",
      "[5.002s] <Task consumer [cancelled]>",
    ]);
  });

  test("stop serveForever when cancelled, closing the server", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const server = await asyncio.startServer(() => undefined, null, 0);`,
        `  console.log(String(server), server.sockets[0].getsockname());`,
        `  const serving = asyncio.createTask(() => server.serveForever(), { name: "serve" });`,
        `  await asyncio.sleep(1);`,
        `  console.log(String(serving));`,
        `  serving.cancel();`,
        `  try {`,
        `    await serving;`,
        `  } catch (err) {`,
        `    console.log(err.name, String(server), server.sockets.length);`,
        `  }`,
        `});`,
      ),
    );
    assert.deepEqual(r.out, [
      "[0.000s] <Server [serving, 0.0.0.0:50000, connections:0]> [ '0.0.0.0', 50000 ]",
      "[1.000s] <Task serve [pending, waiting on Server.serveForever()]>",
      "[1.000s] CancelledError <Server [closed, connections:0]> 0",
    ]);
  });

  test("report a server waiting forever with no client as a deadlock", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const server = await asyncio.startServer(() => undefined, "127.0.0.1", 8888);`,
        `  await server.serveForever();`,
        `});`,
      ),
    );
    assert.equal(r.error?.kind, "deadlock");
    assert.match(r.error!.message, /<Task Task-1 \[pending, waiting on Server\.serveForever\(\)\]>/);
  });

  test("make waitClosed wait for the last connection when called before close, as in 3.11", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const server = await asyncio.startServer(async (reader, writer) => {`,
        `    await asyncio.sleep(2);`,
        `    writer.close();`,
        `  }, "127.0.0.1", 8888);`,
        `  await asyncio.openConnection("127.0.0.1", 8888);`,
        `  const closed = asyncio.createTask(async () => {`,
        `    await server.waitClosed();`,
        `    console.log("waitClosed returned", String(server));`,
        `  });`,
        `  await asyncio.sleep(1);`,
        `  server.close();`,
        `  console.log(String(server));`,
        `  await server.waitClosed();`,
        `  console.log("a late waitClosed returns at once");`,
        `  await closed;`,
        `});`,
      ),
    );
    assert.deepEqual(r.out, [
      "[1.002s] <Server [closed, connections:1]>",
      "[1.002s] a late waitClosed returns at once",
      "[2.001s] waitClosed returned <Server [closed, connections:0]>",
    ]);
  });

  test("describe writers as they close, and reject writes after writeEof", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  await asyncio.startServer(() => undefined, "127.0.0.1", 8888);`,
        `  const [, writer] = await asyncio.openConnection("127.0.0.1", 8888);`,
        `  writer.writeEof();`,
        `  try {`,
        `    writer.write("late");`,
        `  } catch (err) {`,
        `    console.log(String(err));`,
        `  }`,
        `  console.log(String(writer), writer.isClosing());`,
        `  writer.close();`,
        `  console.log(String(writer), writer.isClosing());`,
        `  await writer.waitClosed();`,
        `  console.log(String(writer));`,
        `  writer.write("dropped, as asyncio drops writes to a closed transport");`,
        `  try {`,
        `    await writer.drain();`,
        `  } catch (err) {`,
        `    console.log(String(err));`,
        `  }`,
        `});`,
      ),
    );
    assert.deepEqual(r.out, [
      "[0.002s] RuntimeError: Cannot call write() after write_eof()",
      "[0.002s] <StreamWriter [open, peer=127.0.0.1:8888]> false",
      "[0.002s] <StreamWriter [closing, peer=127.0.0.1:8888]> true",
      "[0.002s] <StreamWriter [closed, peer=127.0.0.1:8888]>",
      "[0.002s] ConnectionResetError: Connection lost",
    ]);
  });

  test("report a handler's exception as never retrieved when the run ends, as 3.11 does", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  await asyncio.startServer(async () => {`,
        `    throw new Error("handler failed");`,
        `  }, "127.0.0.1", 8888);`,
        `  await asyncio.openConnection("127.0.0.1", 8888);`,
        `  await asyncio.sleep(1);`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.match(r.err.join("\n"), /Task exception was never retrieved[\s\S]*Error: handler failed/);
  });
});
