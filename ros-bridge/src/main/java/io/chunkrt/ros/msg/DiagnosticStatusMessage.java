package io.chunkrt.ros.msg;

import io.chunkrt.ros.cdr.RosString;

/**
 * diagnostic_msgs/DiagnosticStatus: byte level, string name, string message, string hardware_id,
 * KeyValue[] values.
 */
public final class DiagnosticStatusMessage {
    public static final int OK = 0;
    public static final int WARN = 1;
    public static final int ERROR = 2;
    public static final int STALE = 3;

    /** byte (uint8) on the wire; one of OK, WARN, ERROR, STALE. */
    public int level;
    public final RosString name;
    public final RosString message;
    public final RosString hardwareId;
    private final KeyValueMessage[] values;
    private int valueCount;

    public DiagnosticStatusMessage(int maxValues, int textBytes) {
        name = new RosString(textBytes);
        message = new RosString(textBytes);
        hardwareId = new RosString(textBytes);
        values = new KeyValueMessage[maxValues];
        for (int i = 0; i < maxValues; i++) {
            values[i] = new KeyValueMessage(textBytes, textBytes);
        }
    }

    public int maxValues() {
        return values.length;
    }

    public int valueCount() {
        return valueCount;
    }

    public KeyValueMessage value(int i) {
        if (i >= valueCount) {
            throw new IndexOutOfBoundsException("value " + i + " of " + valueCount);
        }
        return values[i];
    }

    public KeyValueMessage valueSlot(int i) {
        return values[i];
    }

    public void setValueCount(int n) {
        if (n < 0 || n > values.length) {
            throw new IllegalArgumentException("status has room for " + values.length + " values, not " + n);
        }
        valueCount = n;
    }

    /** Appends a key/value pair, reusing a preallocated slot. @return false when full or the text does not fit */
    public boolean addValue(CharSequence key, CharSequence value) {
        if (valueCount == values.length) {
            return false;
        }
        KeyValueMessage kv = values[valueCount];
        if (!kv.key.set(key) || !kv.value.set(value)) {
            return false;
        }
        valueCount++;
        return true;
    }
}
