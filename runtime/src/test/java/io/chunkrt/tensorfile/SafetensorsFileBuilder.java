package io.chunkrt.tensorfile;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Lays out safetensors files by hand for tests: an 8-byte little-endian header length, the JSON header (padded with
 * spaces to 8 bytes as the library does) and the tensors' bytes in the order they were added.
 */
public final class SafetensorsFileBuilder {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Object> header = new LinkedHashMap<>();
    private final ByteArrayOutputStream data = new ByteArrayOutputStream();

    public SafetensorsFileBuilder metadata(String key, String value) {
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) header.computeIfAbsent("__metadata__",
                k -> new LinkedHashMap<String, Object>());
        metadata.put(key, value);
        return this;
    }

    public SafetensorsFileBuilder f32(String name, long[] shape, float... values) {
        ByteBuffer bytes = little(values.length * 4);
        for (float value : values) {
            bytes.putFloat(value);
        }
        return raw(name, "F32", shape, bytes.array());
    }

    public SafetensorsFileBuilder f64(String name, long[] shape, double... values) {
        ByteBuffer bytes = little(values.length * 8);
        for (double value : values) {
            bytes.putDouble(value);
        }
        return raw(name, "F64", shape, bytes.array());
    }

    public SafetensorsFileBuilder f16(String name, long[] shape, float... values) {
        ByteBuffer bytes = little(values.length * 2);
        for (float value : values) {
            bytes.putShort(Float.floatToFloat16(value));
        }
        return raw(name, "F16", shape, bytes.array());
    }

    /** bfloat16 by truncating each float's lower 16 bits; pass values that bfloat16 holds exactly. */
    public SafetensorsFileBuilder bf16(String name, long[] shape, float... values) {
        ByteBuffer bytes = little(values.length * 2);
        for (float value : values) {
            bytes.putShort((short) (Float.floatToRawIntBits(value) >>> 16));
        }
        return raw(name, "BF16", shape, bytes.array());
    }

    public SafetensorsFileBuilder i64(String name, long[] shape, long... values) {
        ByteBuffer bytes = little(values.length * 8);
        for (long value : values) {
            bytes.putLong(value);
        }
        return raw(name, "I64", shape, bytes.array());
    }

    /** A tensor entry whose offsets cover exactly {@code bytes}, appended to the data section. */
    public SafetensorsFileBuilder raw(String name, String dtype, long[] shape, byte[] bytes) {
        long begin = data.size();
        data.writeBytes(bytes);
        return entry(name, dtype, shape, begin, data.size());
    }

    /** A header entry with arbitrary offsets; the data section is not touched. */
    public SafetensorsFileBuilder entry(String name, String dtype, long[] shape, long begin, long end) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("dtype", dtype);
        entry.put("shape", shape);
        entry.put("data_offsets", List.of(begin, end));
        header.put(name, entry);
        return this;
    }

    public byte[] bytes() {
        try {
            return withHeader(JSON.writeValueAsString(header));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file with {@code headerText} as its header and the data added so far. */
    public byte[] withHeader(String headerText) {
        byte[] json = headerText.getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + 7) / 8 * 8;
        ByteBuffer file = little(8 + padded + data.size());
        file.putLong(padded).put(json);
        while (file.position() < 8 + padded) {
            file.put((byte) ' ');
        }
        file.put(data.toByteArray());
        return file.array();
    }

    public Path writeTo(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, bytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ByteBuffer little(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
