// One cell of the client-version matrix (.ci/client-matrix): a TypeScript SDK client of one version connects to one
// server over one transport, initializes, lists tools and calls one read tool (the server's status tool, which
// prints the protocol it serves and the transport). Prints one line, "ok ..." or "FAIL ...", and exits 0 or 1.
//
//   node client-matrix.mjs <sdk package folder> stdio <tool> <command> [args...]
//   node client-matrix.mjs <sdk package folder> http|sse <tool> <url>
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [sdkArgument, transportName, tool, ...target] = process.argv.slice(2);
const sdk = sdkArgument && resolve(sdkArgument);
if (!sdk || !['stdio', 'http', 'sse'].includes(transportName) || !tool || target.length === 0) {
  console.log('FAIL usage: node client-matrix.mjs <sdk folder> stdio|http|sse <tool> <command...|url>');
  process.exit(2);
}

// 1.0.x ships ES modules in dist/, later versions in dist/esm/ (and CommonJS in dist/cjs/).
const dist = existsSync(join(sdk, 'dist', 'esm')) ? join(sdk, 'dist', 'esm') : join(sdk, 'dist');
const load = (path) => import(pathToFileURL(join(dist, path)).href);
const version = (await import(pathToFileURL(join(sdk, 'package.json')).href, { with: { type: 'json' } })).default.version;

function transportFor() {
  switch (transportName) {
    case 'stdio':
      return load('client/stdio.js').then(({ StdioClientTransport }) =>
        new StdioClientTransport({ command: target[0], args: target.slice(1), stderr: 'ignore' }));
    case 'sse':
      return ensureEventSource().then(() => load('client/sse.js'))
        .then(({ SSEClientTransport }) => new SSEClientTransport(new URL(target[0])));
    default:
      if (!existsSync(join(dist, 'client', 'streamableHttp.js'))) return Promise.resolve(null);
      return load('client/streamableHttp.js').then(({ StreamableHTTPClientTransport }) =>
        new StreamableHTTPClientTransport(new URL(target[0])));
  }
}

// SDK 1.0.x's SSE client uses the browser's global EventSource; Node users of that version installed the
// eventsource package and set it, as this does (later SDKs import it themselves).
async function ensureEventSource() {
  if (globalThis.EventSource) return;
  const { createRequire } = await import('node:module');
  const module = await import(pathToFileURL(createRequire(join(sdk, 'package.json')).resolve('eventsource')).href);
  globalThis.EventSource = module.EventSource ?? module.default;
}

const started = Date.now();
const deadline = setTimeout(() => { console.log(`FAIL sdk ${version} ${transportName}: no answer within 60 s`); process.exit(1); }, 60_000);
let client;
try {
  const transport = await transportFor();
  if (transport === null) {
    // Streamable HTTP arrived in SDK 1.10.0; such a client speaks stdio or legacy SSE only.
    console.log(`n/a sdk ${version} has no Streamable HTTP client`);
    process.exit(0);
  }
  const { Client } = await load('client/index.js');
  client = new Client({ name: `client-matrix-ts-${version}`, version }, { capabilities: {} });
  await client.connect(transport);
  const server = client.getServerVersion();
  const tools = (await client.listTools()).tools;
  if (!tools.some((t) => t.name === tool)) throw new Error(`tools/list (${tools.length} tools) has no ${tool}`);
  const result = await client.callTool({ name: tool, arguments: {} });
  const text = (result.content ?? []).filter((c) => c.type === 'text').map((c) => c.text).join('\n');
  if (result.isError) throw new Error(`${tool} answered isError: ${text.slice(0, 200)}`);
  const protocol = /^protocol: (\S+)/m.exec(text)?.[1];
  const served = /^transport: (.+)$/m.exec(text)?.[1];
  // The status tool names the protocol the server serves this client; "unknown" was a bug (issue 21).
  if (!protocol || protocol === 'unknown') throw new Error(`${tool} names no protocol: ${text.slice(0, 200)}`);
  console.log(`ok sdk ${version} ${transportName}: ${server?.name} ${server?.version}, ${tools.length} tools, ${tool} ok, protocol ${protocol}, transport ${served ?? '?'}, ${Date.now() - started} ms`);
  await client.close();
  clearTimeout(deadline);
  process.exit(0);
} catch (error) {
  console.log(`FAIL sdk ${version} ${transportName}: ${String(error?.message ?? error).split('\n')[0].slice(0, 300)}`);
  try { await client?.close(); } catch { /* closing a failed client */ }
  process.exit(1);
}
