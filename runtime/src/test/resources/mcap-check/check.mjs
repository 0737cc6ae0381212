// Independent structural check of an MCAP file with @mcap/core (Foxglove's reader), run by McapIndependentReaderTest.
// Usage: node check.mjs <node_modules dir> <file.mcap>. Prints one JSON line; exits 1 on any error.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";

const [modules, file] = process.argv.slice(2);
const require = createRequire(path.join(modules, "package.json"));
const { McapStreamReader, McapIndexedReader } = require("@mcap/core");
const fzstd = require("fzstd");
const lz4 = require("lz4js");

const decompressHandlers = {
  zstd: (buffer) => fzstd.decompress(buffer),
  lz4: (buffer) => Uint8Array.from(lz4.decompress(buffer)),
};

const bytes = new Uint8Array(readFileSync(file));
const out = { records: {}, streamMessages: {}, indexedMessages: {}, topics: {}, profile: null, statistics: null };

// 1. every record in file order, CRCs (chunk, data section, summary) validated
const stream = new McapStreamReader({ decompressHandlers, validateCrcs: true, includeChunks: true });
stream.append(bytes);
for (let record; (record = stream.nextRecord()); ) {
  out.records[record.type] = (out.records[record.type] ?? 0) + 1;
  if (record.type === "Header") out.profile = record.profile;
  if (record.type === "Channel") out.topics[record.id] = record.topic;
  if (record.type === "Message") {
    const t = out.topics[record.channelId];
    out.streamMessages[t] = (out.streamMessages[t] ?? 0) + 1;
  }
}
if (!stream.done()) throw new Error("stream reader did not reach the end magic");

// 2. through the footer, summary and chunk indexes, in log-time order
const readable = {
  size: async () => BigInt(bytes.length),
  read: async (offset, length) => bytes.subarray(Number(offset), Number(offset + length)),
};
const indexed = await McapIndexedReader.Initialize({ readable, decompressHandlers });
let last = -1n;
for await (const m of indexed.readMessages({ validateCrcs: true })) {
  if (m.logTime < last) throw new Error("indexed reader returned log times out of order");
  last = m.logTime;
  const t = indexed.channelsById.get(m.channelId).topic;
  out.indexedMessages[t] = (out.indexedMessages[t] ?? 0) + 1;
}
const s = indexed.statistics;
out.statistics = s ? { messageCount: Number(s.messageCount), chunkCount: s.chunkCount, channelCount: s.channelCount } : null;
out.chunkIndexes = indexed.chunkIndexes.length;
console.log(JSON.stringify(out));
