package io.chunkrt.replay.mcap;

import com.github.luben.zstd.Zstd;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4FrameInputStream;
import net.jpountz.lz4.LZ4FrameOutputStream;
import net.jpountz.xxhash.XXHashFactory;

/** Chunk compression: the spec's well-known formats ("" none, "zstd", "lz4" as an LZ4 frame). */
public enum McapCompression {
    NONE(""),
    ZSTD("zstd"),
    LZ4("lz4");

    private static final int ZSTD_LEVEL = 3;
    private final String id;

    McapCompression(String id) {
        this.id = id;
    }

    /** The name written in Chunk and Chunk Index records. */
    public String id() {
        return id;
    }

    /** The compression named {@code id}, or null when it is not one of "", "zstd", "lz4". */
    public static McapCompression byId(String id) {
        for (McapCompression c : values()) {
            if (c.id.equals(id)) {
                return c;
            }
        }
        return null;
    }

    /** Compresses {@code src[0, length)}; NONE returns a copy. */
    byte[] compress(byte[] src, int length) {
        return switch (this) {
            case NONE -> java.util.Arrays.copyOf(src, length);
            case ZSTD -> {
                byte[] dst = new byte[(int) Zstd.compressBound(length)];
                long n = Zstd.compressByteArray(dst, 0, dst.length, src, 0, length, ZSTD_LEVEL);
                if (Zstd.isError(n)) {
                    throw new IllegalStateException("zstd compression failed: " + Zstd.getErrorName(n));
                }
                yield java.util.Arrays.copyOf(dst, (int) n);
            }
            case LZ4 -> {
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, length / 2));
                try (OutputStream out = new LZ4FrameOutputStream(bytes, LZ4FrameOutputStream.BLOCKSIZE.SIZE_4MB,
                        length, LZ4Factory.fastestJavaInstance().fastCompressor(),
                        XXHashFactory.fastestJavaInstance().hash32(), LZ4FrameOutputStream.FLG.Bits.BLOCK_INDEPENDENCE,
                        LZ4FrameOutputStream.FLG.Bits.CONTENT_SIZE)) {
                    out.write(src, 0, length);
                } catch (IOException e) {
                    throw new IllegalStateException("lz4 compression into memory failed", e);
                }
                yield bytes.toByteArray();
            }
        };
    }

    /**
     * Decompresses {@code src[offset, offset+length)} into exactly {@code dst[0, uncompressedSize)}. Throws
     * IOException with a short reason when the data is not valid or has another size.
     */
    void decompress(byte[] src, int offset, int length, byte[] dst, int uncompressedSize) throws IOException {
        switch (this) {
            case NONE -> {
                if (length != uncompressedSize) {
                    throw new IOException("uncompressed chunk holds " + length + " bytes but declares " + uncompressedSize);
                }
                System.arraycopy(src, offset, dst, 0, length);
            }
            case ZSTD -> {
                long n = Zstd.decompressByteArray(dst, 0, uncompressedSize, src, offset, length);
                if (Zstd.isError(n)) {
                    throw new IOException("zstd data is corrupt: " + Zstd.getErrorName(n));
                }
                if (n != uncompressedSize) {
                    throw new IOException("zstd data expands to " + n + " bytes but the chunk declares " + uncompressedSize);
                }
            }
            case LZ4 -> {
                try (InputStream in = new LZ4FrameInputStream(new ByteArrayInputStream(src, offset, length),
                        LZ4Factory.safeInstance().safeDecompressor(), XXHashFactory.safeInstance().hash32())) {
                    int n = in.readNBytes(dst, 0, uncompressedSize);
                    if (n != uncompressedSize || in.read() != -1) {
                        throw new IOException("lz4 frame does not expand to the declared " + uncompressedSize + " bytes");
                    }
                } catch (RuntimeException e) {
                    throw new IOException("lz4 frame is corrupt: " + e.getMessage(), e);
                }
            }
        }
    }
}
