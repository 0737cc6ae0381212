package io.chunkrt.ros.dds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chunkrt.ros.RosDistro;
import io.chunkrt.ros.cdr.CdrReader;
import io.chunkrt.ros.cdr.SampleFault;
import io.chunkrt.ros.msg.DiagnosticArrayCodec;
import io.chunkrt.ros.msg.DiagnosticArrayMessage;
import io.chunkrt.ros.msg.DiagnosticStatusMessage;
import io.chunkrt.ros.msg.Float64MultiArrayCodec;
import io.chunkrt.ros.msg.JointStateCodec;
import io.chunkrt.ros.msg.JointStateMessage;
import io.chunkrt.ros.testing.TestDomains;
import io.chunkrt.ros.testing.Waits;
import io.chunkrt.ros.transport.MessageSubscription;
import io.chunkrt.ros.transport.NodeIdentity;
import io.chunkrt.ros.transport.OutboundRing;
import io.chunkrt.ros.transport.QosProfile;
import io.chunkrt.ros.transport.RosPublisher;
import io.chunkrt.ros.transport.RosSubscription;
import io.chunkrt.ros.transport.TransportDiagnostics;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TransportDiagnosticsTest {
    @Test
    void droppedSamplesTurnTheSubscriptionStatusToWarnUntilTheNextQuietReport() {
        DdsSettings settings = DdsSettings.loopbackOnly(TestDomains.next(), RosDistro.JAZZY);
        try (CycloneTransport a = CycloneTransport.open(settings, new NodeIdentity("w", "/"));
             CycloneTransport b = CycloneTransport.open(settings, new NodeIdentity("chunkrt", "/"))) {
            RosPublisher pub = a.createPublisher("/joint_states", JointStateCodec.TYPE, QosProfile.DEFAULT);
            RosSubscription sub = b.createSubscription("/joint_states", JointStateCodec.TYPE, QosProfile.DEFAULT, 1024);
            RosPublisher cmd = b.createPublisher("/c/commands", Float64MultiArrayCodec.TYPE, QosProfile.COMMANDS);
            Waits.until("discovery", Duration.ofSeconds(20), () -> pub.matchedSubscriptions() > 0 && sub.matchedPublishers() > 0);
            MessageSubscription<JointStateMessage> typed = new MessageSubscription<>(sub, JointStateCodec.INSTANCE);
            TransportDiagnostics diag = new TransportDiagnostics("/chunkrt");
            diag.watch(typed);
            diag.watch(new OutboundRing(4, 256), cmd);
            byte[] truncated = {0, 1, 0, 0, 1, 0};
            pub.publish(truncated, 0, truncated.length);
            JointStateMessage into = new JointStateMessage(4);
            Waits.until("the bad sample", Duration.ofSeconds(20), () -> typed.takeInto(into) == MessageSubscription.Received.DROPPED);

            DiagnosticArrayMessage out = new DiagnosticArrayMessage(4, 8);
            diag.appendTo(out);
            assertEquals(2, out.statusCount());
            DiagnosticStatusMessage s = out.status(0);
            assertEquals("chunkrt: subscription /joint_states", s.name.toString());
            assertEquals(DiagnosticStatusMessage.WARN, s.level);
            assertEquals("dropped.truncated", s.value(2).key.toString());
            assertEquals("1", s.value(2).value.toString());
            assertEquals("/chunkrt", s.hardwareId.toString());
            assertEquals(DiagnosticStatusMessage.OK, out.status(1).level);
            byte[] cdr = DiagnosticArrayCodec.INSTANCE.encodeToArray(out);
            assertEquals(SampleFault.NONE, DiagnosticArrayCodec.INSTANCE.decode(new CdrReader(), cdr, 0, cdr.length, new DiagnosticArrayMessage(4, 8)));

            DiagnosticArrayMessage next = new DiagnosticArrayMessage(4, 8);
            diag.appendTo(next);
            assertEquals(DiagnosticStatusMessage.OK, next.status(0).level, "nothing dropped since the last report");
        }
    }
}
