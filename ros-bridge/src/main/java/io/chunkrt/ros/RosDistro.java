package io.chunkrt.ros;

import java.util.Locale;

/**
 * The ROS 2 distributions the bridge speaks to. They agree on every message it uses except the graph
 * message: rmw_dds_common/Gid is char[24] on Humble and char[16] from Iron on; and from Iron on every
 * endpoint carries {@code typehash=RIHS01_...;} in its USER_DATA.
 */
public enum RosDistro {
    HUMBLE(24, false),
    JAZZY(16, true);

    private final int gidBytes;
    private final boolean typeHashInUserData;

    RosDistro(int gidBytes, boolean typeHashInUserData) {
        this.gidBytes = gidBytes;
        this.typeHashInUserData = typeHashInUserData;
    }

    /** Size of rmw_dds_common/Gid on this distro. */
    public int gidBytes() {
        return gidBytes;
    }

    public boolean typeHashInUserData() {
        return typeHashInUserData;
    }

    public String rosName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code humble} or {@code jazzy} (case-insensitive); Iron and Kilted share Jazzy's wire layout. */
    public static RosDistro parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "humble" -> HUMBLE;
            case "jazzy", "iron", "kilted" -> JAZZY;
            default -> throw new IllegalArgumentException("ROS distro '" + name + "' is not supported; use humble or jazzy (iron and kilted use jazzy's layout)");
        };
    }
}
