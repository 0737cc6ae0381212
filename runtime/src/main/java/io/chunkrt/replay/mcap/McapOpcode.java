package io.chunkrt.replay.mcap;

/** The MCAP record opcodes (spec "Records"); 0x80-0xFF are application extensions, which readers skip. */
public final class McapOpcode {
    public static final int HEADER = 0x01;
    public static final int FOOTER = 0x02;
    public static final int SCHEMA = 0x03;
    public static final int CHANNEL = 0x04;
    public static final int MESSAGE = 0x05;
    public static final int CHUNK = 0x06;
    public static final int MESSAGE_INDEX = 0x07;
    public static final int CHUNK_INDEX = 0x08;
    public static final int ATTACHMENT = 0x09;
    public static final int ATTACHMENT_INDEX = 0x0A;
    public static final int STATISTICS = 0x0B;
    public static final int METADATA = 0x0C;
    public static final int METADATA_INDEX = 0x0D;
    public static final int SUMMARY_OFFSET = 0x0E;
    public static final int DATA_END = 0x0F;

    private static final String[] NAMES = {"0x00", "Header", "Footer", "Schema", "Channel", "Message", "Chunk",
        "MessageIndex", "ChunkIndex", "Attachment", "AttachmentIndex", "Statistics", "Metadata", "MetadataIndex",
        "SummaryOffset", "DataEnd"};

    /** The magic that opens and closes every MCAP file: 0x89 "MCAP0" CR LF (major version '0'). */
    static final byte[] MAGIC = {(byte) 0x89, 'M', 'C', 'A', 'P', '0', '\r', '\n'};

    private McapOpcode() {
    }

    public static String name(int opcode) {
        return opcode >= 0 && opcode < NAMES.length ? NAMES[opcode] : String.format("0x%02X", opcode);
    }
}
