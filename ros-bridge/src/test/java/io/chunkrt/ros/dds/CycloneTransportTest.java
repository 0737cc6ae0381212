package io.chunkrt.ros.dds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.ros.RosDistro;
import io.chunkrt.ros.msg.JointStateCodec;
import io.chunkrt.ros.msg.JointStateMessage;
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
import org.junit.jupiter.api.Test;

class CycloneTransportTest {
    @Test
    void aJointStatePublishedByOneNodeArrivesDecodedAtAnother() {
        DdsSettings settings = DdsSettings.loopbackOnly(TestDomains.next(), RosDistro.JAZZY);
        try (CycloneTransport a = CycloneTransport.open(settings, new NodeIdentity("talker", "/"));
             CycloneTransport b = CycloneTransport.open(settings, new NodeIdentity("listener", "/"))) {
            RosPublisher pub = a.createPublisher("/joint_states", JointStateCodec.TYPE, QosProfile.DEFAULT);
            RosSubscription sub = b.createSubscription("joint_states", JointStateCodec.TYPE, QosProfile.DEFAULT, 4096);
            ReceiveWaitSet ws = b.createWaitSet();
            ws.attach(sub);
            Waits.until("discovery", Duration.ofSeconds(10), () -> pub.matchedSubscriptions() == 1 && sub.matchedPublishers() == 1);
            JointStateMessage out = new JointStateMessage(4);
            out.header.stamp.set(5, 6);
            out.setNames("a", "b");
            out.positions()[0] = 1;
            out.positions()[1] = 2;
            out.setPositionCount(2);
            byte[] cdr = JointStateCodec.INSTANCE.encodeToArray(out);
            assertEquals(PublishStatus.OK, pub.publish(cdr, 0, cdr.length));
            assertTrue(ws.await(5_000_000_000L));
            MessageSubscription<JointStateMessage> typed = new MessageSubscription<>(sub, JointStateCodec.INSTANCE);
            JointStateMessage in = new JointStateMessage(4);
            assertEquals(MessageSubscription.Received.MESSAGE, typed.takeInto(in));
            assertEquals(2, in.positionCount());
            assertEquals(2.0, in.position(1));
            assertTrue(in.name(0).contentEquals("a"));
            assertEquals(5, in.header.stamp.sec());
            ws.close();
        }
    }
}
