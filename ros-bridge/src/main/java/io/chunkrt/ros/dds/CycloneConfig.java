package io.chunkrt.ros.dds;

import io.chunkrt.ros.RosDistro;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the Cyclone DDS configuration string the way rmw_cyclonedds does: a fragment for the discovery
 * range from the environment, then {@code CYCLONEDDS_URI} appended after a comma (Cyclone merges the
 * fragments in order, so the user's file has the last word).
 *
 * <ul>
 *   <li>Humble: {@code ROS_LOCALHOST_ONLY=1} selects the interface 127.0.0.1.</li>
 *   <li>Jazzy: {@code ROS_AUTOMATIC_DISCOVERY_RANGE} = SUBNET (default), LOCALHOST (no multicast, peer
 *       localhost), OFF (no multicast, no participant index, a private tag) or SYSTEM_DEFAULT (nothing added);
 *       {@code ROS_STATIC_PEERS} (semicolon-separated) become unicast peers; the deprecated
 *       {@code ROS_LOCALHOST_ONLY=1} forces LOCALHOST.</li>
 * </ul>
 */
public final class CycloneConfig {
    private CycloneConfig() {}

    /** The configuration rmw_cyclonedds would use for {@code env} on {@code distro}. */
    public static String fromEnvironment(Map<String, String> env, RosDistro distro) {
        String fragment = switch (distro) {
            case HUMBLE -> "1".equals(env.get("ROS_LOCALHOST_ONLY"))
                    ? "<CycloneDDS><Domain><General><Interfaces><NetworkInterface address=\"127.0.0.1\"/></Interfaces></General></Domain></CycloneDDS>"
                    : "";
            case JAZZY -> jazzyFragment(env);
        };
        String uri = env.getOrDefault("CYCLONEDDS_URI", "");
        if (fragment.isEmpty()) {
            return uri;
        }
        return uri.isEmpty() ? fragment : fragment + "," + uri;
    }

    private static String jazzyFragment(Map<String, String> env) {
        String range = env.getOrDefault("ROS_AUTOMATIC_DISCOVERY_RANGE", "");
        range = range.isEmpty() ? "SUBNET" : range.trim().toUpperCase(Locale.ROOT);
        if ("1".equals(env.get("ROS_LOCALHOST_ONLY"))) {
            range = "LOCALHOST";
        }
        List<String> staticPeers = peers(env.getOrDefault("ROS_STATIC_PEERS", ""));
        return switch (range) {
            case "LOCALHOST" -> {
                StringBuilder sb = new StringBuilder("<CycloneDDS><Domain><General><AllowMulticast>false</AllowMulticast></General>"
                        + "<Discovery><ParticipantIndex>auto</ParticipantIndex><MaxAutoParticipantIndex>32</MaxAutoParticipantIndex><Peers><Peer address=\"localhost\"/>");
                for (String p : staticPeers) {
                    sb.append("<Peer address=\"").append(xml(p)).append("\"/>");
                }
                yield sb.append("</Peers></Discovery></Domain></CycloneDDS>").toString();
            }
            case "OFF" -> "<CycloneDDS><Domain><General><AllowMulticast>false</AllowMulticast></General>"
                    + "<Discovery><ParticipantIndex>none</ParticipantIndex><Tag>ros_discovery_off_" + ProcessHandle.current().pid() + "</Tag></Discovery></Domain></CycloneDDS>";
            case "SUBNET", "SYSTEM_DEFAULT" -> {
                if (staticPeers.isEmpty()) {
                    yield "";
                }
                StringBuilder sb = new StringBuilder("<CycloneDDS><Domain><Discovery><ParticipantIndex>auto</ParticipantIndex><MaxAutoParticipantIndex>32</MaxAutoParticipantIndex><Peers>");
                for (String p : staticPeers) {
                    sb.append("<Peer address=\"").append(xml(p)).append("\"/>");
                }
                yield sb.append("</Peers></Discovery></Domain></CycloneDDS>").toString();
            }
            default -> throw new IllegalArgumentException("ROS_AUTOMATIC_DISCOVERY_RANGE is '" + env.get("ROS_AUTOMATIC_DISCOVERY_RANGE")
                    + "'; use SUBNET, LOCALHOST, OFF or SYSTEM_DEFAULT");
        };
    }

    /**
     * Loopback only, for tests and benchmarks: interface {@code lo}, no multicast, the only peer 127.0.0.1.
     * Nothing in it is taken from the environment.
     *
     * @param traceFile where Cyclone writes its configuration trace (to check the interfaces used), or null
     */
    public static String loopbackOnly(String traceFile) {
        return loopbackOnly(traceFile, "");
    }

    /**
     * Loopback only, plus {@code extraDomainXml} inside {@code <Domain>} (e.g. a larger socket receive buffer:
     * {@code <Internal><SocketReceiveBufferSize min="4MB"/></Internal>}).
     */
    public static String loopbackOnly(String traceFile, String extraDomainXml) {
        StringBuilder sb = new StringBuilder("<CycloneDDS><Domain Id=\"any\"><General><Interfaces><NetworkInterface name=\"lo\"/></Interfaces>"
                + "<AllowMulticast>false</AllowMulticast></General><Discovery><ParticipantIndex>auto</ParticipantIndex>"
                + "<MaxAutoParticipantIndex>30</MaxAutoParticipantIndex><Peers><Peer address=\"127.0.0.1\"/></Peers></Discovery>");
        sb.append(extraDomainXml);
        if (traceFile != null) {
            sb.append("<Tracing><Category>config</Category><OutputFile>").append(xml(traceFile)).append("</OutputFile></Tracing>");
        }
        return sb.append("</Domain></CycloneDDS>").toString();
    }

    private static List<String> peers(String value) {
        return value.isBlank() ? List.of() : java.util.Arrays.stream(value.split(";")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
