package io.chunkrt.ros.dds;

import io.chunkrt.ros.dds.ffi.NativeWaitSet;
import io.chunkrt.ros.transport.ReceiveWaitSet;
import io.chunkrt.ros.transport.RosSubscription;

/** A DDS waitset over read conditions of this transport's subscriptions. */
final class CycloneWaitSet implements ReceiveWaitSet {
    private final NativeWaitSet waitSet;
    private int attached;

    CycloneWaitSet(NativeWaitSet waitSet) {
        this.waitSet = waitSet;
    }

    @Override
    public void attach(RosSubscription subscription) {
        if (!(subscription instanceof CycloneSubscription s)) {
            throw new IllegalArgumentException(subscription + " does not belong to a Cyclone transport");
        }
        waitSet.attachReader(s.readerEntity(), attached++);
    }

    @Override
    public boolean await(long timeoutNs) {
        return waitSet.await(timeoutNs) != 0;
    }

    @Override
    public void wake() {
        waitSet.trigger(true);
    }

    @Override
    public void close() {
        waitSet.close();
    }
}
