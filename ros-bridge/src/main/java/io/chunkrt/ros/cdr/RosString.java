package io.chunkrt.ros.cdr;

import java.nio.charset.StandardCharsets;

/**
 * A reusable UTF-8 string field with a fixed byte capacity, so that decoding names and frame ids never
 * allocates. {@link #toString()} allocates and is meant for start-up, tests and logs.
 */
public final class RosString {
    private final byte[] utf8;
    private int length;

    public RosString(int capacityBytes) {
        if (capacityBytes < 0) {
            throw new IllegalArgumentException("string capacity " + capacityBytes + " is negative");
        }
        this.utf8 = new byte[capacityBytes];
    }

    /** A string holding {@code text}, with exactly the capacity it needs. */
    public static RosString of(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        RosString s = new RosString(bytes.length);
        s.setBytes(bytes, 0, bytes.length);
        return s;
    }

    public int length() {
        return length;
    }

    public int capacity() {
        return utf8.length;
    }

    public byte byteAt(int index) {
        if (index >= length) {
            throw new IndexOutOfBoundsException("byte " + index + " of a " + length + "-byte string");
        }
        return utf8[index];
    }

    public void clear() {
        length = 0;
    }

    /**
     * Sets the content to {@code text} encoded as UTF-8, without allocating.
     *
     * @return false (content cleared) when the encoded text does not fit the capacity
     */
    public boolean set(CharSequence text) {
        int n = 0;
        int len = text.length();
        for (int i = 0; i < len; i++) {
            char c = text.charAt(i);
            int cp = c;
            if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(text.charAt(i + 1))) {
                cp = Character.toCodePoint(c, text.charAt(++i));
            }
            int need = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (n + need > utf8.length) {
                length = 0;
                return false;
            }
            switch (need) {
                case 1 -> utf8[n] = (byte) cp;
                case 2 -> {
                    utf8[n] = (byte) (0xC0 | (cp >> 6));
                    utf8[n + 1] = (byte) (0x80 | (cp & 0x3F));
                }
                case 3 -> {
                    utf8[n] = (byte) (0xE0 | (cp >> 12));
                    utf8[n + 1] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    utf8[n + 2] = (byte) (0x80 | (cp & 0x3F));
                }
                default -> {
                    utf8[n] = (byte) (0xF0 | (cp >> 18));
                    utf8[n + 1] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    utf8[n + 2] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    utf8[n + 3] = (byte) (0x80 | (cp & 0x3F));
                }
            }
            n += need;
        }
        length = n;
        return true;
    }

    /** @return false (content cleared) when {@code count} exceeds the capacity */
    public boolean setBytes(byte[] src, int offset, int count) {
        if (count > utf8.length) {
            length = 0;
            return false;
        }
        System.arraycopy(src, offset, utf8, 0, count);
        length = count;
        return true;
    }

    /** @return false (content cleared) when {@code other} does not fit */
    public boolean copyFrom(RosString other) {
        return setBytes(other.utf8, 0, other.length);
    }

    /** Compares with {@code text} as UTF-8 without allocating. */
    public boolean contentEquals(CharSequence text) {
        int n = 0;
        int len = text.length();
        for (int i = 0; i < len; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                if (n >= length || utf8[n] != (byte) c) {
                    return false;
                }
                n++;
            } else {
                // rare on the hot path: compare the slow way without a heap copy of this string
                int cp = c;
                if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(text.charAt(i + 1))) {
                    cp = Character.toCodePoint(c, text.charAt(++i));
                }
                int need = cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
                if (n + need > length) {
                    return false;
                }
                int lead = need == 2 ? 0xC0 | (cp >> 6) : need == 3 ? 0xE0 | (cp >> 12) : 0xF0 | (cp >> 18);
                if (utf8[n] != (byte) lead) {
                    return false;
                }
                for (int k = 1; k < need; k++) {
                    int shift = 6 * (need - 1 - k);
                    if (utf8[n + k] != (byte) (0x80 | ((cp >> shift) & 0x3F))) {
                        return false;
                    }
                }
                n += need;
            }
        }
        return n == length;
    }

    public boolean contentEquals(RosString other) {
        return java.util.Arrays.equals(utf8, 0, length, other.utf8, 0, other.length);
    }

    /** The backing bytes; valid up to {@link #length()}. */
    byte[] bytes() {
        return utf8;
    }

    void setLength(int length) {
        this.length = length;
    }

    @Override
    public String toString() {
        return new String(utf8, 0, length, StandardCharsets.UTF_8);
    }
}
