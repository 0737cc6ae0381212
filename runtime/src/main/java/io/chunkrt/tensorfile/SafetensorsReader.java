package io.chunkrt.tensorfile;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Reads a safetensors file: an 8-byte little-endian header length, a JSON header mapping tensor names to dtype,
 * shape and data offsets, then the data section. {@link #open} reads and checks only the header; tensors are read
 * on request, so a large checkpoint costs only the bytes of the tensors asked for.
 */
public final class SafetensorsReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int LENGTH_PREFIX = 8;
    private static final String METADATA_KEY = "__metadata__";
    private static final int NAMES_LISTED_IN_ERRORS = 20;
    // The safetensors format caps the JSON header at 100 MB; a larger length means a corrupt or foreign file.
    private static final long MAX_HEADER_BYTES = 100_000_000;

    private final Path file;
    private final long dataStart;
    private final Map<String, String> metadata;
    private final Map<String, SafetensorsTensor> tensors;

    private SafetensorsReader(Path file, long dataStart, Map<String, String> metadata,
                              Map<String, SafetensorsTensor> tensors) {
        this.file = file;
        this.dataStart = dataStart;
        this.metadata = Collections.unmodifiableMap(metadata);
        this.tensors = Collections.unmodifiableMap(tensors);
    }

    /** Reads and validates the header of {@code file}. */
    public static SafetensorsReader open(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            if (fileSize < LENGTH_PREFIX) {
                throw new TensorFileException("safetensors file '" + file + "' is " + fileSize
                        + " bytes, shorter than the 8-byte header length; it is truncated or not a safetensors file");
            }
            long headerLength = readFully(channel, 0, LENGTH_PREFIX).getLong();
            long afterPrefix = fileSize - LENGTH_PREFIX;
            if (headerLength < 0 || headerLength > afterPrefix) {
                throw new TensorFileException("safetensors file '" + file + "' declares a "
                        + Long.toUnsignedString(headerLength) + "-byte JSON header but only " + afterPrefix
                        + " bytes follow the 8-byte length; it is truncated or not a safetensors file");
            }
            if (headerLength > MAX_HEADER_BYTES) {
                throw new TensorFileException("safetensors file '" + file + "' declares a " + headerLength
                        + "-byte JSON header, more than the format's 100000000;"
                        + " it is corrupt or not a safetensors file");
            }
            ByteBuffer headerBytes = readFully(channel, LENGTH_PREFIX, (int) headerLength);
            String headerText = StandardCharsets.UTF_8.decode(headerBytes).toString();
            long dataStart = LENGTH_PREFIX + headerLength;
            return parseHeader(file, headerText, dataStart, fileSize - dataStart);
        } catch (IOException e) {
            throw new TensorFileException("cannot read safetensors file '" + file + "': " + e, e);
        }
    }

    public Path file() {
        return file;
    }

    /** The string map stored under {@code __metadata__}; empty when there is none. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** Tensor names in header order. */
    public Set<String> names() {
        return tensors.keySet();
    }

    public boolean contains(String name) {
        return tensors.containsKey(name);
    }

    public SafetensorsTensor tensor(String name) {
        SafetensorsTensor tensor = tensors.get(name);
        if (tensor == null) {
            throw new TensorFileException("safetensors file '" + file + "' has no tensor '" + name + "'; it has "
                    + listedNames());
        }
        return tensor;
    }

    /** The tensor's elements as floats; F32, F16, BF16 and F64 tensors convert, others are refused. */
    public float[] floats(String name) {
        SafetensorsTensor tensor = tensor(name);
        if (!tensor.dtype().convertsToFloat()) {
            throw new TensorFileException("safetensors file '" + file + "': tensor '" + name + "' is "
                    + tensor.dtype() + ", which does not convert to float; expected F32, F16, BF16 or F64");
        }
        ByteBuffer in = ByteBuffer.wrap(rawBytes(name)).order(ByteOrder.LITTLE_ENDIAN);
        float[] out = new float[Math.toIntExact(tensor.elementCount())];
        switch (tensor.dtype()) {
            case F32 -> in.asFloatBuffer().get(out);
            case F64 -> { for (int i = 0; i < out.length; i++) out[i] = (float) in.getDouble(); }
            case F16 -> { for (int i = 0; i < out.length; i++) out[i] = Float.float16ToFloat(in.getShort()); }
            // bfloat16 is the upper half of a float32.
            case BF16 -> { for (int i = 0; i < out.length; i++) out[i] = Float.intBitsToFloat(in.getShort() << 16); }
            default -> throw new IllegalStateException("unreachable: " + tensor.dtype());
        }
        return out;
    }

    /** The tensor's bytes as stored (little-endian). */
    public byte[] rawBytes(String name) {
        SafetensorsTensor tensor = tensor(name);
        if (tensor.byteLength() > Integer.MAX_VALUE - 8) {
            throw new TensorFileException("safetensors file '" + file + "': tensor '" + name + "' is "
                    + tensor.byteLength() + " bytes, more than one Java array holds");
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            return readFully(channel, dataStart + tensor.dataBegin(), (int) tensor.byteLength()).array();
        } catch (IOException e) {
            throw new TensorFileException("cannot read tensor '" + name + "' of safetensors file '" + file + "': "
                    + e, e);
        }
    }

    private static SafetensorsReader parseHeader(Path file, String headerText, long dataStart, long dataLength) {
        JsonNode header;
        try {
            header = JSON.readTree(headerText);
        } catch (JacksonException e) {
            throw new TensorFileException("safetensors file '" + file + "' has a header that is not valid JSON ("
                    + e.getOriginalMessage() + "); it is corrupt or not a safetensors file");
        }
        if (header == null || !header.isObject()) {
            throw new TensorFileException("safetensors file '" + file + "' has a JSON header that is not an object;"
                    + " it is corrupt or not a safetensors file");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        Map<String, SafetensorsTensor> tensors = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : header.properties()) {
            if (entry.getKey().equals(METADATA_KEY)) {
                readMetadata(file, entry.getValue(), metadata);
            } else {
                SafetensorsTensor tensor = readEntry(file, entry.getKey(), entry.getValue(), dataLength);
                tensors.put(tensor.name(), tensor);
            }
        }
        return new SafetensorsReader(file, dataStart, metadata, tensors);
    }

    private static void readMetadata(Path file, JsonNode node, Map<String, String> metadata) {
        if (!node.isObject()) {
            throw new TensorFileException("safetensors file '" + file + "': '__metadata__' is " + node
                    + ", not an object of strings");
        }
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            if (!entry.getValue().isTextual()) {
                throw new TensorFileException("safetensors file '" + file + "': '__metadata__' entry '" + entry.getKey()
                        + "' is " + entry.getValue() + ", not a string");
            }
            metadata.put(entry.getKey(), entry.getValue().textValue());
        }
    }

    private static SafetensorsTensor readEntry(Path file, String name, JsonNode node, long dataLength) {
        String where = "safetensors file '" + file + "': tensor '" + name + "'";
        if (!node.isObject()) {
            throw new TensorFileException(where + " has header entry " + node + ", not an object");
        }
        JsonNode dtypeNode = node.get("dtype");
        SafetensorsDtype dtype = dtypeNode != null && dtypeNode.isTextual()
                ? SafetensorsDtype.fromName(dtypeNode.textValue()) : null;
        if (dtype == null) {
            throw new TensorFileException(where + " has dtype " + dtypeNode + "; expected one of "
                    + Arrays.toString(SafetensorsDtype.values()));
        }
        long[] shape = nonNegativeLongs(node.get("shape"), -1, where, "shape");
        long[] offsets = nonNegativeLongs(node.get("data_offsets"), 2, where, "data_offsets");
        if (offsets[0] > offsets[1] || offsets[1] > dataLength) {
            throw new TensorFileException(where + " has data_offsets " + Arrays.toString(offsets) + " outside the "
                    + dataLength + "-byte data section; the file is truncated or corrupt");
        }
        long expectedBytes;
        try {
            expectedBytes = Math.multiplyExact(new SafetensorsTensor(name, dtype, shape, 0, 0).elementCount(),
                    dtype.size());
        } catch (ArithmeticException e) {
            throw new TensorFileException(where + " has shape " + Arrays.toString(shape) + " whose size overflows");
        }
        if (offsets[1] - offsets[0] != expectedBytes) {
            throw new TensorFileException(where + " is " + dtype + " of shape " + Arrays.toString(shape) + " ("
                    + expectedBytes + " bytes) but its data_offsets " + Arrays.toString(offsets) + " span "
                    + (offsets[1] - offsets[0]) + " bytes; the file is corrupt");
        }
        return new SafetensorsTensor(name, dtype, shape, offsets[0], offsets[1]);
    }

    private static long[] nonNegativeLongs(JsonNode node, int requiredCount, String where, String field) {
        boolean valid = node != null && node.isArray() && (requiredCount < 0 || node.size() == requiredCount);
        long[] values = new long[valid ? node.size() : 0];
        for (int i = 0; valid && i < values.length; i++) {
            JsonNode item = node.get(i);
            valid = item.canConvertToExactIntegral() && item.canConvertToLong() && item.longValue() >= 0;
            values[i] = valid ? item.longValue() : 0;
        }
        if (!valid) {
            String expected = requiredCount < 0 ? "a list of non-negative integers"
                    : "a list of " + requiredCount + " non-negative integers";
            throw new TensorFileException(where + " has " + field + " " + node + "; expected " + expected);
        }
        return values;
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException("file ended at byte " + (position + buffer.position()));
            }
        }
        return buffer.flip();
    }

    private String listedNames() {
        StringBuilder listed = new StringBuilder();
        int shown = 0;
        for (String name : tensors.keySet()) {
            if (shown == NAMES_LISTED_IN_ERRORS) {
                listed.append(" and ").append(tensors.size() - shown).append(" more");
                break;
            }
            listed.append(shown++ == 0 ? "" : ", ").append(name);
        }
        return tensors.isEmpty() ? "no tensors" : listed.toString();
    }
}
