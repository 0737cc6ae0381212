// Independent check of a flight-recorder bag, run by FlightBagIndependentReaderTest: Foxglove's MCAP reader
// (@mcap/core, every CRC validated) reads the file through its summary and chunk indexes, and Foxglove's ROS 2
// message parser and CDR reader (@foxglove/rosmsg, @foxglove/rosmsg2-serialization) decode every message with the
// ros2msg schema stored in the file. Usage: node decode.mjs <node_modules dir> <file.mcap>. Prints one JSON line.
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import path from "node:path";

const [modules, file] = process.argv.slice(2);
const require = createRequire(path.join(modules, "package.json"));
const { McapIndexedReader, McapStreamReader } = require("@mcap/core");
const { parse } = require("@foxglove/rosmsg");
const { MessageReader } = require("@foxglove/rosmsg2-serialization");
const fzstd = require("fzstd");
const lz4 = require("lz4js");

const decompressHandlers = {
  zstd: (buffer) => fzstd.decompress(buffer),
  lz4: (buffer) => Uint8Array.from(lz4.decompress(buffer)),
};
const bytes = new Uint8Array(readFileSync(file));

const stream = new McapStreamReader({ decompressHandlers, validateCrcs: true });
stream.append(bytes);
let records = 0;
let profile = null;
for (let r; (r = stream.nextRecord()); ) {
  records++;
  if (r.type === "Header") profile = r.profile;
}
if (!stream.done()) throw new Error("stream reader did not reach the end magic");

const readable = {
  size: async () => BigInt(bytes.length),
  read: async (offset, length) => bytes.subarray(Number(offset), Number(offset + length)),
};
const reader = await McapIndexedReader.Initialize({ readable, decompressHandlers });
const readers = new Map();
const schemas = {};
for (const [id, channel] of reader.channelsById) {
  const schema = reader.schemasById.get(channel.schemaId);
  schemas[channel.topic] = { name: schema.name, encoding: schema.encoding, messageEncoding: channel.messageEncoding };
  const definition = new TextDecoder().decode(schema.data);
  readers.set(id, new MessageReader(parse(definition, { ros2: true })));
}
const plain = (v) => JSON.parse(JSON.stringify(v, (k, x) => (typeof x === "bigint" ? x.toString() : ArrayBuffer.isView(x) ? Array.from(x) : x)));
const counts = {};
const first = {};
const last = {};
for await (const m of reader.readMessages({ validateCrcs: true })) {
  const topic = reader.channelsById.get(m.channelId).topic;
  const decoded = readers.get(m.channelId).readMessage(m.data);
  counts[topic] = (counts[topic] ?? 0) + 1;
  const summary = { logTime: m.logTime.toString(), message: plain(decoded) };
  if (summary.message.data && summary.message.data.length > 16) summary.message.data = summary.message.data.slice(0, 16);
  if (!(topic in first)) first[topic] = summary;
  last[topic] = summary;
}
const metadata = [];
for (const idx of reader.metadataIndexes) metadata.push(idx.name);
console.log(JSON.stringify({ profile, records, schemas, counts, first, last, metadata }));
