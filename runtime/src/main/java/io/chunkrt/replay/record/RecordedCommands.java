package io.chunkrt.replay.record;

import io.chunkrt.control.CommandSink;

/**
 * A command sink that records every command on a JOINT_STATE topic of the flight recorder (the commanded positions,
 * in command order) and passes it on. Control thread; never blocks or allocates.
 */
public final class RecordedCommands implements CommandSink {
    private final CommandSink next;
    private final RecorderChannel channel;
    private final int topic;

    /** @param next where the command goes (null: nowhere, only recorded) */
    public RecordedCommands(CommandSink next, RecorderChannel channel, int topic) {
        this.next = next;
        this.channel = channel;
        this.topic = topic;
    }

    @Override
    public void write(double[] command, long nowNs) {
        channel.jointState(topic, nowNs, nowNs, command, command.length);
        if (next != null) {
            next.write(command, nowNs);
        }
    }
}
