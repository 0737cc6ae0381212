package io.chunkrt.ros.node;

import io.chunkrt.ros.transport.ReceiveWaitSet;

/** Something a receive thread drains after its wait set wakes: joint states, a camera, the operator's topics. */
sealed interface Inbound permits JointStateFeed, CameraFeed, OperatorInputs {
    /** Attaches this input's subscriptions to the receive thread's wait set (start-up). */
    void attachTo(ReceiveWaitSet waitSet);

    /** Takes and handles every waiting sample; never blocks, never allocates once warm. @return samples taken */
    int drain();
}
