package io.chunkrt.replay.bag;

/** A topic and how many messages the bag holds on it. */
public record TopicMessageCount(BagTopic topic, long messageCount) {
    public TopicMessageCount {
        if (messageCount < 0) {
            throw new IllegalArgumentException("topic '" + topic.name() + "' has a negative message count " + messageCount);
        }
    }
}
