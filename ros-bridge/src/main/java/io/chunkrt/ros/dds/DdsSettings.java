package io.chunkrt.ros.dds;

import io.chunkrt.ros.RosDistro;
import java.util.Map;

/**
 * Where and how a node joins DDS.
 *
 * @param domainId  ROS_DOMAIN_ID, 0..232
 * @param configXml the Cyclone configuration string (XML fragments and/or file URIs, comma-separated)
 * @param distro    which wire layout the graph messages use
 * @param enclave   the SROS2 enclave announced in participant USER_DATA ({@code enclave=/;} by default)
 */
public record DdsSettings(int domainId, String configXml, RosDistro distro, String enclave) {
    /** Cyclone's port mapping (7400 + 250 x domain + ...) leaves room for domains 0..232. */
    public static final int MAX_DOMAIN_ID = 232;

    public DdsSettings {
        if (domainId < 0 || domainId > MAX_DOMAIN_ID) {
            throw new IllegalArgumentException("ROS domain id " + domainId + " is outside 0.." + MAX_DOMAIN_ID + "; set ROS_DOMAIN_ID to a value in range");
        }
        if (configXml == null || distro == null) {
            throw new IllegalArgumentException("DDS settings need a configuration (may be empty) and a distro");
        }
        if (enclave == null || !enclave.startsWith("/")) {
            throw new IllegalArgumentException("enclave '" + enclave + "' must be an absolute name such as /");
        }
    }

    /** Settings as a ROS node on {@code distro} would take them from {@code env} (ROS_DOMAIN_ID, discovery range, CYCLONEDDS_URI). */
    public static DdsSettings fromEnvironment(Map<String, String> env, RosDistro distro) {
        String id = env.getOrDefault("ROS_DOMAIN_ID", "").trim();
        int domain;
        try {
            domain = id.isEmpty() ? 0 : Integer.parseInt(id);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ROS_DOMAIN_ID is '" + id + "', not a number; set it to 0.." + MAX_DOMAIN_ID + " or unset it");
        }
        return new DdsSettings(domain, CycloneConfig.fromEnvironment(env, distro), distro, "/");
    }

    /** Loopback-only settings for tests and benchmarks (nothing taken from the environment). */
    public static DdsSettings loopbackOnly(int domainId, RosDistro distro) {
        return new DdsSettings(domainId, CycloneConfig.loopbackOnly(null), distro, "/");
    }

    public DdsSettings withConfig(String xml) {
        return new DdsSettings(domainId, xml, distro, enclave);
    }
}
