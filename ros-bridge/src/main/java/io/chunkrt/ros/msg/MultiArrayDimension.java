package io.chunkrt.ros.msg;

import io.chunkrt.ros.cdr.RosString;

/** std_msgs/MultiArrayDimension: string label, uint32 size, uint32 stride. */
public final class MultiArrayDimension {
    public final RosString label;
    /** uint32 on the wire. */
    public long size;
    /** uint32 on the wire. */
    public long stride;

    public MultiArrayDimension(int labelCapacityBytes) {
        this.label = new RosString(labelCapacityBytes);
    }

    public MultiArrayDimension set(String label, long size, long stride) {
        if (!this.label.set(label)) {
            throw new IllegalArgumentException("dimension label '" + label + "' is longer than its " + this.label.capacity() + "-byte capacity");
        }
        this.size = size;
        this.stride = stride;
        return this;
    }
}
