package io.chunkrt.ros.msg;

/** diagnostic_msgs/DiagnosticArray: Header header, DiagnosticStatus[] status. */
public final class DiagnosticArrayMessage {
    public static final int DEFAULT_TEXT_BYTES = 256;

    public final Header header = new Header();
    private final DiagnosticStatusMessage[] statuses;
    private int statusCount;

    public DiagnosticArrayMessage(int maxStatuses, int maxValuesPerStatus) {
        this(maxStatuses, maxValuesPerStatus, DEFAULT_TEXT_BYTES);
    }

    public DiagnosticArrayMessage(int maxStatuses, int maxValuesPerStatus, int textBytes) {
        statuses = new DiagnosticStatusMessage[maxStatuses];
        for (int i = 0; i < maxStatuses; i++) {
            statuses[i] = new DiagnosticStatusMessage(maxValuesPerStatus, textBytes);
        }
    }

    public int maxStatuses() {
        return statuses.length;
    }

    public int statusCount() {
        return statusCount;
    }

    public DiagnosticStatusMessage status(int i) {
        if (i >= statusCount) {
            throw new IndexOutOfBoundsException("status " + i + " of " + statusCount);
        }
        return statuses[i];
    }

    public DiagnosticStatusMessage statusSlot(int i) {
        return statuses[i];
    }

    public void setStatusCount(int n) {
        if (n < 0 || n > statuses.length) {
            throw new IllegalArgumentException("diagnostic array has room for " + statuses.length + " statuses, not " + n);
        }
        statusCount = n;
    }

    /** Takes the next preallocated status, emptied, or returns null when all are in use. */
    public DiagnosticStatusMessage addStatus() {
        if (statusCount == statuses.length) {
            return null;
        }
        DiagnosticStatusMessage s = statuses[statusCount++];
        s.level = DiagnosticStatusMessage.OK;
        s.name.clear();
        s.message.clear();
        s.hardwareId.clear();
        s.setValueCount(0);
        return s;
    }
}
