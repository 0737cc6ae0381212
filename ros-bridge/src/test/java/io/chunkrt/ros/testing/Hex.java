package io.chunkrt.ros.testing;

import java.util.HexFormat;

/** Hex helpers for hand-laid CDR layouts: spaces and line breaks are ignored. */
public final class Hex {
    private Hex() {}

    public static byte[] bytes(String spacedHex) {
        return HexFormat.of().parseHex(spacedHex.replaceAll("\\s+", ""));
    }

    public static String of(byte[] b) {
        return HexFormat.of().formatHex(b);
    }
}
