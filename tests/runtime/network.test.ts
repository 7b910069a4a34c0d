import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { DNS_FAILURE_DELAY } from "../../src/runtime/network.ts";
import { LATENCY } from "../../src/runtime/transport.ts";
import { program, run } from "../helpers.ts";

const head = `import * as asyncio from "asyncio";`;

describe("virtual network", () => {
  test("keeps a one-way latency of 1 ms and a lookup failure delay of 5 ms", () => {
    assert.equal(LATENCY, 0.001);
    assert.equal(DNS_FAILURE_DELAY, 0.005);
  });

  test("accepts a connection when the SYN arrives and completes it one round trip after connecting", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  await asyncio.startServer(async () => console.log("accepted"), "127.0.0.1", 8888);`,
        `  const [, writer] = await asyncio.openConnection("127.0.0.1", 8888);`,
        `  console.log("connected", writer.getExtraInfo("sockname"), writer.getExtraInfo("peername"));`,
        `});`,
      ),
    );
    assert.equal(r.error, null);
    assert.deepEqual(r.out, ["[0.001s] accepted", "[0.002s] connected [ '127.0.0.1', 50000 ] [ '127.0.0.1', 8888 ]"]);
  });

  test("refuses a connection to a port nobody listens on with Python's message, after one round trip", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  try {`,
        `    await asyncio.openConnection("localhost", 8888);`,
        `  } catch (err) {`,
        `    console.log(err instanceof asyncio.ConnectionRefusedError, err instanceof asyncio.ConnectionError, String(err));`,
        `  }`,
        `});`,
      ),
    );
    assert.deepEqual(r.out, ["[0.002s] true true ConnectionRefusedError: [Errno 111] Connect call failed ('127.0.0.1', 8888)"]);
  });

  test("fails an unknown host name like a DNS failure", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  try {`,
        `    await asyncio.openConnection("db.internal", 5432);`,
        `  } catch (err) {`,
        `    console.log(String(err));`,
        `  }`,
        `});`,
      ),
    );
    assert.deepEqual(r.out, ["[0.005s] gaierror: [Errno -2] Name or service not known"]);
  });

  test("refuses to bind an address twice, with Python's OSError text", async () => {
    const r = await run(
      program(
        head,
        `const handler = () => undefined;`,
        `asyncio.run(async () => {`,
        `  await asyncio.startServer(handler, "127.0.0.1", 8888);`,
        `  try {`,
        `    await asyncio.startServer(handler, null, 8888);`,
        `  } catch (err) {`,
        `    console.log(String(err));`,
        `  }`,
        `});`,
      ),
    );
    assert.deepEqual(r.out, [
      "[0.000s] OSError: [Errno 98] error while attempting to bind on address ('0.0.0.0', 8888): address already in use",
    ]);
  });

  test("delivers many writes of one tick together, in order, one latency later", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  await asyncio.startServer(async (reader, writer) => {`,
        `    for (let i = 0; i < 50; i++) writer.write(String(i % 10));`,
        `    writer.close();`,
        `  }, "127.0.0.1", 8888);`,
        `  const [reader] = await asyncio.openConnection("127.0.0.1", 8888);`,
        `  console.log(new TextDecoder().decode(await reader.read()));`,
        `});`,
      ),
    );
    assert.deepEqual(r.out, ["[0.002s] " + "0123456789".repeat(5)]);
  });

  test("propagates EOF with the latency and keeps the other direction open", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  await asyncio.startServer(async (reader, writer) => {`,
        `    const request = await reader.read();`,
        `    console.log("server: EOF after", request);`,
        `    writer.write("got " + request.length + " bytes");`,
        `    writer.close();`,
        `  }, "127.0.0.1", 8888);`,
        `  const [reader, writer] = await asyncio.openConnection("127.0.0.1", 8888);`,
        `  writer.write("ping");`,
        `  console.log(writer.canWriteEof());`,
        `  writer.writeEof();`,
        `  console.log("client:", await reader.read());`,
        `});`,
      ),
    );
    assert.deepEqual(r.out, ["[0.002s] true", "[0.003s] server: EOF after b'ping'", "[0.004s] client: b'got 4 bytes'"]);
  });

  // The reset answers the write at 0.003s and is back at 0.004s; the read after it raises.
  test("resets a connection written to after the peer closed it", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  await asyncio.startServer((reader, writer) => writer.close(), "127.0.0.1", 8888);`,
        `  const [reader, writer] = await asyncio.openConnection("127.0.0.1", 8888);`,
        `  console.log(await reader.read());`,
        `  writer.write("anyone there?");`,
        `  await asyncio.sleep(1);`,
        `  try {`,
        `    await reader.read();`,
        `  } catch (err) {`,
        `    console.log(err instanceof asyncio.ConnectionResetError, String(err));`,
        `    console.log(String(writer));`,
        `  }`,
        `});`,
      ),
    );
    assert.deepEqual(r.out, [
      "[0.002s] b''",
      "[1.002s] true ConnectionResetError: [Errno 104] Connection reset by peer",
      "[1.002s] <StreamWriter [closed, peer=127.0.0.1:8888]>",
    ]);
  });

  test("keeps connections in the backlog until the server starts serving", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  const server = await asyncio.startServer(async (reader) => console.log("handled", await reader.read()), "127.0.0.1", 8888, { startServing: false });`,
        `  console.log(String(server));`,
        `  const [, writer] = await asyncio.openConnection("127.0.0.1", 8888);`,
        `  writer.write("early");`,
        `  writer.close();`,
        `  await asyncio.sleep(1);`,
        `  await server.startServing();`,
        `  await asyncio.sleep(0);`,
        `});`,
      ),
    );
    assert.deepEqual(r.out, ["[0.000s] <Server [not serving, 127.0.0.1:8888, connections:0]>", "[1.002s] handled b'early'"]);
  });

  test("resets the server's side of a connection whose connect was cancelled mid-handshake", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  await asyncio.startServer(async (reader) => {`,
        `    try {`,
        `      await reader.read();`,
        `    } catch (err) {`,
        `      console.log("server:", String(err));`,
        `    }`,
        `  }, "127.0.0.1", 8888);`,
        `  try {`,
        `    await asyncio.waitFor(asyncio.openConnection("127.0.0.1", 8888), 0.0015);`,
        `  } catch (err) {`,
        `    console.log("client:", err.name);`,
        `  }`,
        `  await asyncio.sleep(1);`,
        `});`,
      ),
    );
    assert.equal(r.out.length, 2);
    assert.match(r.out[0]!, /^\[0\.00[12]s\] client: TimeoutError$/);
    assert.equal(r.out[1], "[0.003s] server: ConnectionResetError: [Errno 104] Connection reset by peer");
  });

  test("starts every program with an empty network", async () => {
    const source = program(
      head,
      `asyncio.run(async () => {`,
      `  const server = await asyncio.startServer(() => undefined, "127.0.0.1", 0);`,
      `  const [, writer] = await asyncio.openConnection("127.0.0.1", server.sockets[0].getsockname()[1]);`,
      `  console.log(String(server.sockets[0]), writer.getExtraInfo("sockname"));`,
      `});`,
    );
    const first = await run(source);
    const second = await run(source);
    assert.deepEqual(first.out, ["[0.002s] <socket laddr=('127.0.0.1', 50000)> [ '127.0.0.1', 50001 ]"]);
    assert.deepEqual(second.out, first.out);
  });

  test("records connects, accepts, sends and EOFs in the trace", async () => {
    const r = await run(
      program(
        head,
        `asyncio.run(async () => {`,
        `  await asyncio.startServer((reader, writer) => writer.close(), "127.0.0.1", 8888);`,
        `  const [reader, writer] = await asyncio.openConnection("127.0.0.1", 8888);`,
        `  writer.write("hi");`,
        `  await reader.read();`,
        `});`,
      ),
    );
    const io = r.trace.filter((e) => e.kind === "io").map((e) => `${e.t.toFixed(3)} ${e.task} ${e.detail}`);
    assert.deepEqual(io, [
      "0.000 Task-1 connect → 127.0.0.1:8888",
      "0.001 null accept 127.0.0.1:50000 → 127.0.0.1:8888",
      "0.002 null EOF 127.0.0.1:8888 → 127.0.0.1:50000",
      "0.002 Task-1 send 2 bytes 127.0.0.1:50000 → 127.0.0.1:8888",
    ]);
  });
});
