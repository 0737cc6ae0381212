package io.chunkrt.ros.msg;

import java.util.List;

/**
 * rmw_dds_common/NodeEntitiesInfo: string&lt;=256 node_namespace, string&lt;=256 node_name,
 * Gid[] reader_gid_seq, Gid[] writer_gid_seq. Not on a hot path: built at start-up and on endpoint changes.
 */
public record NodeEntitiesInfoMessage(String nodeNamespace, String nodeName, List<Gid> readerGids, List<Gid> writerGids) {
    public static final int NAME_BOUND = 256;

    public NodeEntitiesInfoMessage {
        if (nodeNamespace.length() > NAME_BOUND || nodeName.length() > NAME_BOUND) {
            throw new IllegalArgumentException("node namespace and name are bounded to 256 characters in NodeEntitiesInfo");
        }
        readerGids = List.copyOf(readerGids);
        writerGids = List.copyOf(writerGids);
    }
}
