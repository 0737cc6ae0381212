package io.chunkrt.ros.dds;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chunkrt.ros.RosDistro;
import io.chunkrt.ros.cdr.SampleFault;
import io.chunkrt.ros.msg.JointStateCodec;
import io.chunkrt.ros.msg.JointStateMessage;
import io.chunkrt.ros.testing.Hex;
import io.chunkrt.ros.testing.TestDomains;
import io.chunkrt.ros.testing.Waits;
import io.chunkrt.ros.transport.MessageSubscription;
import io.chunkrt.ros.transport.NodeIdentity;
import io.chunkrt.ros.transport.PublishStatus;
import io.chunkrt.ros.transport.QosProfile;
import io.chunkrt.ros.transport.ReceiveWaitSet;
import io.chunkrt.ros.transport.RosPublisher;
import io.chunkrt.ros.transport.RosSubscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Bad samples that really travel through DDS (a raw writer can put any bytes on the wire, as a buggy or
 * hostile node could) are counted by reason and dropped; the good samples around them still arrive.
 */
class MalformedSampleTest {
    @Test
    void malformedAndOversizedJointStatesAreCountedAndDroppedWhileGoodOnesArrive() {
        DdsSettings settings = DdsSettings.loopbackOnly(TestDomains.next(), RosDistro.JAZZY);
        try (CycloneTransport a = CycloneTransport.open(settings, new NodeIdentity("bad_writer", "/"));
             CycloneTransport b = CycloneTransport.open(settings, new NodeIdentity("reader", "/"))) {
            RosPublisher pub = a.createPublisher("/joint_states", JointStateCodec.TYPE, QosProfile.DEFAULT.withDepth(100));
            RosSubscription sub = b.createSubscription("/joint_states", JointStateCodec.TYPE, QosProfile.DEFAULT.withDepth(100), 512);
            ReceiveWaitSet ws = b.createWaitSet();
            ws.attach(sub);
            Waits.until("discovery", Duration.ofSeconds(20), () -> pub.matchedSubscriptions() > 0 && sub.matchedPublishers() > 0);

            JointStateMessage good = new JointStateMessage(2);
            good.setNames("a", "b");
            good.setPositionCount(2);
            byte[] valid = JointStateCodec.INSTANCE.encodeToArray(good);
            List<byte[]> samples = new ArrayList<>();
            samples.add(valid);
            samples.add(java.util.Arrays.copyOf(valid, 10));                                // truncated inside the stamp
            samples.add(Hex.bytes("00070000 00000000"));                                   // XCDR2 header: not plain CDR
            byte[] hugeCount = valid.clone();
            hugeCount[24] = (byte) 0xff;                                                    // name count 0xff.. at payload 20
            hugeCount[25] = (byte) 0xff;
            hugeCount[26] = (byte) 0xff;
            hugeCount[27] = (byte) 0x7f;
            samples.add(hugeCount);
            samples.add(new byte[600]);                                                     // larger than the 512-byte buffer
            samples.add(valid);
            for (byte[] s : samples) {
                assertEquals(PublishStatus.OK, pub.publish(s, 0, s.length));
            }
            MessageSubscription<JointStateMessage> typed = new MessageSubscription<>(sub, JointStateCodec.INSTANCE);
            JointStateMessage into = new JointStateMessage(4);
            int messages = 0;
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (messages + typed.counters().droppedTotal() < samples.size() && System.nanoTime() - deadline < 0) {
                ws.await(100_000_000L);
                while (true) {
                    MessageSubscription.Received r = typed.takeInto(into);
                    if (r == MessageSubscription.Received.NONE) {
                        break;
                    }
                    if (r == MessageSubscription.Received.MESSAGE) {
                        messages++;
                        assertEquals(2, into.nameCount());
                    }
                }
            }
            assertEquals(2, messages);
            assertEquals(2, typed.counters().decoded());
            assertEquals(1, typed.counters().dropped(SampleFault.TRUNCATED), typed.counters().toString());
            assertEquals(1, typed.counters().dropped(SampleFault.UNSUPPORTED_ENCAPSULATION), typed.counters().toString());
            assertEquals(1, typed.counters().dropped(SampleFault.LENGTH_EXCEEDS_PAYLOAD), typed.counters().toString());
            assertEquals(1, typed.counters().dropped(SampleFault.SAMPLE_TOO_LARGE), typed.counters().toString());
            assertEquals(4, typed.counters().droppedTotal());
            ws.close();
        }
    }

    @Test
    void bytesShorterThanACdrHeaderAreRejectedAtPublishWithoutReachingTheWire() {
        DdsSettings settings = DdsSettings.loopbackOnly(TestDomains.next(), RosDistro.HUMBLE);
        try (CycloneTransport a = CycloneTransport.open(settings, new NodeIdentity("writer", "/"))) {
            RosPublisher pub = a.createPublisher("/x", JointStateCodec.TYPE, QosProfile.DEFAULT);
            assertEquals(PublishStatus.REJECTED, pub.publish(new byte[] {0, 1, 0}, 0, 3));
        }
    }
}
