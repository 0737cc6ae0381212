package io.chunkrt.ros.node;

import io.chunkrt.fusion.CameraStream;
import io.chunkrt.fusion.IngestStatus;
import io.chunkrt.replay.record.RecorderChannel;
import io.chunkrt.ros.msg.CompressedImageMessage;
import io.chunkrt.ros.msg.ImageMessage;
import io.chunkrt.ros.msg.PixelEncoding;
import io.chunkrt.ros.params.CameraInput;
import io.chunkrt.ros.transport.MessageSubscription;
import io.chunkrt.ros.transport.ReceiveWaitSet;
import io.chunkrt.ros.transport.RosSubscription;
import io.chunkrt.time.Clock;

/**
 * One camera topic on its own receive thread, decoded into a preallocated container and offered to the camera's
 * fusion stream: raw sensor_msgs/Image without allocation; sensor_msgs/CompressedImage is decoded (JPEG/PNG) by
 * the stream on this thread, which allocates and takes milliseconds, and is why each camera has its own thread.
 */
sealed interface CameraFeed extends Inbound permits CameraFeed.Subscribed {
    CameraInput camera();

    MessageSubscription<?> subscription();

    /** Records every decoded frame, as the CDR sample received, on {@code topic} of {@code channel} (set before the thread starts). */
    void recordTo(RecorderChannel channel, int topic);

    /** The received sample, byte for byte, when recording. */
    static void record(RecorderChannel channel, int topic, long receiveNs, MessageSubscription<?> subscription) {
        if (channel != null) {
            RosSubscription s = subscription.subscription();
            channel.serialized(topic, receiveNs, s.sampleBuffer(), 0, s.sampleLength());
        }
    }

    /** The fusion encoding for each bridge encoding (by ordinal), null where fusion cannot read it. */
    static io.chunkrt.fusion.image.PixelEncoding[] fusionEncodings() {
        PixelEncoding[] all = PixelEncoding.values();
        io.chunkrt.fusion.image.PixelEncoding[] out = new io.chunkrt.fusion.image.PixelEncoding[all.length];
        for (PixelEncoding e : all) {
            out[e.ordinal()] = io.chunkrt.fusion.image.PixelEncoding.fromRosName(e.rosName());
        }
        return out;
    }

    /** What both camera transports share: the subscription, the reusable message and the drain loop. */
    abstract sealed class Subscribed<M> implements CameraFeed permits Raw, Compressed {
        private final CameraInput camera;
        private final MessageSubscription<M> subscription;
        final M message;
        final CameraStream stream;
        private final Clock clock;
        final boolean headerStamps;
        private RecorderChannel recorder;
        private int recordTopic = -1;

        Subscribed(CameraInput camera, MessageSubscription<M> subscription, M message, CameraStream stream, Clock clock, boolean headerStamps) {
            this.camera = camera;
            this.subscription = subscription;
            this.message = message;
            this.stream = stream;
            this.clock = clock;
            this.headerStamps = headerStamps;
        }

        @Override
        public CameraInput camera() {
            return camera;
        }

        @Override
        public MessageSubscription<M> subscription() {
            return subscription;
        }

        @Override
        public void recordTo(RecorderChannel channel, int topic) {
            this.recorder = channel;
            this.recordTopic = topic;
        }

        @Override
        public void attachTo(ReceiveWaitSet waitSet) {
            waitSet.attach(subscription.subscription());
        }

        @Override
        public int drain() {
            int n = 0;
            while (true) {
                MessageSubscription.Received r = subscription.takeInto(message);
                if (r == MessageSubscription.Received.NONE) {
                    return n;
                }
                n++;
                if (r == MessageSubscription.Received.MESSAGE) {
                    long receiveNs = clock.nanoTime();
                    CameraFeed.record(recorder, recordTopic, receiveNs, subscription);
                    offer(receiveNs);
                }
            }
        }

        /** Hands the decoded message to the camera's fusion stream. */
        abstract void offer(long receiveNs);
    }

    /** sensor_msgs/Image. */
    final class Raw extends Subscribed<ImageMessage> {
        private final io.chunkrt.fusion.image.PixelEncoding[] encodings = fusionEncodings();

        Raw(CameraInput camera, MessageSubscription<ImageMessage> subscription, CameraStream stream, Clock clock, boolean headerStamps) {
            super(camera, subscription, new ImageMessage(camera.maxPixelBytes()), stream, clock, headerStamps);
        }

        @Override
        void offer(long receiveNs) {
            long stampNs = headerStamps ? message.header.stamp.toNanos() : 0;
            if (message.width > Integer.MAX_VALUE || message.height > Integer.MAX_VALUE) {
                stream.reject(IngestStatus.WRONG_SIZE);
                return;
            }
            if (message.step > Integer.MAX_VALUE) {
                stream.reject(IngestStatus.BAD_STEP);
                return;
            }
            PixelEncoding e = message.pixelEncoding();
            stream.offer(stampNs, receiveNs, e == null ? null : encodings[e.ordinal()], (int) message.width, (int) message.height, (int) message.step,
                    message.isBigEndian != 0, message.data(), 0, message.dataLength());
        }
    }

    /** sensor_msgs/CompressedImage (JPEG or PNG, read from the data's signature). */
    final class Compressed extends Subscribed<CompressedImageMessage> {
        Compressed(CameraInput camera, MessageSubscription<CompressedImageMessage> subscription, CameraStream stream, Clock clock, boolean headerStamps) {
            super(camera, subscription, new CompressedImageMessage(camera.maxPixelBytes()), stream, clock, headerStamps);
        }

        @Override
        void offer(long receiveNs) {
            stream.offerCompressed(headerStamps ? message.header.stamp.toNanos() : 0, receiveNs, message.data(), 0, message.dataLength());
        }
    }
}
