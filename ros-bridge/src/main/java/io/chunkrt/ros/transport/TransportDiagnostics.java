package io.chunkrt.ros.transport;

import io.chunkrt.ros.cdr.SampleFault;
import io.chunkrt.ros.msg.DiagnosticArrayMessage;
import io.chunkrt.ros.msg.DiagnosticStatusMessage;
import java.util.ArrayList;
import java.util.List;

/**
 * The bridge's part of the node's {@code /diagnostics}: one DiagnosticStatus per subscription (samples decoded
 * and dropped by reason, matched publishers) and per outbound ring (published, dropped, failed, pending).
 * A status is WARN when something was dropped or failed since the previous report. Runs on the diagnostics
 * thread (1 Hz), never on the control or receive thread.
 */
public final class TransportDiagnostics {
    private static final SampleFault[] FAULTS = SampleFault.values();

    private final String hardwareId;
    private final List<Watched> watched = new ArrayList<>();

    private sealed interface Watched permits Sub, Ring {}

    private record Sub(String name, MessageSubscription<?> subscription, long[] last) implements Watched {}

    private record Ring(String name, OutboundRing ring, RosPublisher publisher, long[] last) implements Watched {}

    /** @param hardwareId what the statuses report as hardware_id, e.g. the node's fully qualified name */
    public TransportDiagnostics(String hardwareId) {
        this.hardwareId = hardwareId;
    }

    public void watch(MessageSubscription<?> subscription) {
        watched.add(new Sub("chunkrt: subscription " + subscription.subscription().topic(), subscription, new long[1]));
    }

    public void watch(OutboundRing ring, RosPublisher publisher) {
        watched.add(new Ring("chunkrt: publisher " + publisher.topic(), ring, publisher, new long[1]));
    }

    /** Appends one status per watched endpoint (as many as {@code out} has room for). */
    public void appendTo(DiagnosticArrayMessage out) {
        for (Watched w : watched) {
            DiagnosticStatusMessage s = out.addStatus();
            if (s == null) {
                return;
            }
            s.hardwareId.set(hardwareId);
            switch (w) {
                case Sub sub -> fill(s, sub);
                case Ring ring -> fill(s, ring);
            }
        }
    }

    private static void fill(DiagnosticStatusMessage s, Sub sub) {
        SampleCounters c = sub.subscription().counters();
        long dropped = c.droppedTotal();
        long recent = dropped - sub.last()[0];
        sub.last()[0] = dropped;
        s.name.set(sub.name());
        s.level = recent > 0 ? DiagnosticStatusMessage.WARN : DiagnosticStatusMessage.OK;
        s.message.set(recent > 0 ? "dropped " + recent + " malformed or oversized samples since the last report" : "receiving");
        s.addValue("decoded", Long.toString(c.decoded()));
        s.addValue("dropped", Long.toString(dropped));
        for (int i = 1; i < FAULTS.length; i++) {
            long n = c.dropped(FAULTS[i]);
            if (n > 0) {
                s.addValue("dropped." + FAULTS[i].name().toLowerCase(), Long.toString(n));
            }
        }
        s.addValue("matched_publishers", Integer.toString(sub.subscription().subscription().matchedPublishers()));
    }

    private static void fill(DiagnosticStatusMessage s, Ring r) {
        OutboundRing ring = r.ring();
        long lost = ring.droppedFull() + ring.droppedOversize() + ring.publishFailures();
        long recent = lost - r.last()[0];
        r.last()[0] = lost;
        s.name.set(r.name());
        s.level = recent > 0 ? DiagnosticStatusMessage.WARN : DiagnosticStatusMessage.OK;
        s.message.set(recent > 0 ? recent + " commands dropped or failed since the last report" : "publishing");
        s.addValue("published", Long.toString(ring.published()));
        s.addValue("dropped_ring_full", Long.toString(ring.droppedFull()));
        s.addValue("dropped_oversize", Long.toString(ring.droppedOversize()));
        s.addValue("publish_failures", Long.toString(ring.publishFailures()));
        s.addValue("pending", Long.toString(ring.pending()));
        s.addValue("matched_subscriptions", Integer.toString(r.publisher().matchedSubscriptions()));
    }
}
