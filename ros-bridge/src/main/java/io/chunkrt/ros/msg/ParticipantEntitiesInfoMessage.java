package io.chunkrt.ros.msg;

import java.util.List;

/**
 * rmw_dds_common/ParticipantEntitiesInfo: Gid gid, NodeEntitiesInfo[] node_entities_info_seq. Published on
 * DDS topic {@code ros_discovery_info} so that {@code ros2 node list} shows the nodes of a participant.
 */
public record ParticipantEntitiesInfoMessage(Gid participantGid, List<NodeEntitiesInfoMessage> nodes) {
    public ParticipantEntitiesInfoMessage {
        nodes = List.copyOf(nodes);
    }
}
