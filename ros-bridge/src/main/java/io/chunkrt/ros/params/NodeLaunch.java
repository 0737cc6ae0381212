package io.chunkrt.ros.params;

import io.chunkrt.ros.transport.NodeIdentity;
import io.chunkrt.ros.transport.RosNames;
import java.util.List;

/**
 * What {@code chunkrt run} starts: the node's name and namespace, its topic remaps and enclave, and its typed
 * parameters.
 */
public record NodeLaunch(NodeIdentity node, List<RosNames.Remap> remaps, String enclave, NodeParameters parameters) {
    public NodeLaunch {
        remaps = List.copyOf(remaps);
    }
}
