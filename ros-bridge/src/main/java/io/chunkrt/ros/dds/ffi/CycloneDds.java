package io.chunkrt.ros.dds.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.chunkrt.ros.transport.TransportException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.HashMap;
import java.util.Map;

/**
 * Set-up calls into Cyclone DDS: domains, participants, topics, readers, writers, GUIDs and match counts.
 * These may allocate and throw {@link TransportException}; the data path lives in {@link NativeReader},
 * {@link NativeWriter} and {@link NativeWaitSet}.
 */
public final class CycloneDds {
    private static final Map<Integer, DomainUse> DOMAINS = new HashMap<>();

    private record DomainUse(int entity, String config, int users) {}

    private CycloneDds() {}

    /** Name of the Cyclone library in use (its soname or the override). */
    public static String libraryName() {
        return CycloneLibrary.get().ddscName;
    }

    /** Path of the raw-CDR shim in use. */
    public static String shimPath() {
        return CycloneLibrary.get().shimPath.toString();
    }

    /**
     * Creates domain {@code domainId} in this process with {@code configXml}, or joins it when this process
     * already created it with the same configuration. Cyclone allows one configuration per domain and process.
     */
    public static synchronized void acquireDomain(int domainId, String configXml) {
        DomainUse use = DOMAINS.get(domainId);
        if (use != null) {
            if (!use.config.equals(configXml)) {
                throw new TransportException("DDS domain " + domainId + " is already open in this process with a different configuration; use one configuration per domain (or another ROS_DOMAIN_ID)");
            }
            DOMAINS.put(domainId, new DomainUse(use.entity, use.config, use.users + 1));
            return;
        }
        CycloneLibrary lib = CycloneLibrary.get();
        int rc;
        try (Arena arena = Arena.ofConfined()) {
            rc = (int) lib.createDomain.invokeExact(domainId, arena.allocateFrom(configXml));
        } catch (Throwable t) {
            throw new TransportException("dds_create_domain(" + domainId + ") failed: " + t);
        }
        if (rc < 0) {
            throw new TransportException("Cyclone DDS refused domain " + domainId + ": " + lib.retCode(rc)
                    + "; check the configuration (CYCLONEDDS_URI and the generated XML are logged at debug level) and that ROS_DOMAIN_ID is 0..232");
        }
        DOMAINS.put(domainId, new DomainUse(rc, configXml, 1));
    }

    public static synchronized void releaseDomain(int domainId) {
        DomainUse use = DOMAINS.get(domainId);
        if (use == null) {
            return;
        }
        if (use.users > 1) {
            DOMAINS.put(domainId, new DomainUse(use.entity, use.config, use.users - 1));
            return;
        }
        DOMAINS.remove(domainId);
        delete(use.entity);
    }

    public static int createParticipant(int domainId, DdsQos qos) {
        CycloneLibrary lib = CycloneLibrary.get();
        int rc;
        try {
            rc = (int) lib.createParticipant.invokeExact(domainId, qos.qos, MemorySegment.NULL);
        } catch (Throwable t) {
            throw new TransportException("dds_create_participant failed: " + t);
        }
        return check(rc, "participant on domain " + domainId);
    }

    /** A raw-CDR topic: its entity and the address of its sertype (needed to build samples for it). */
    public record Topic(int entity, long sertypeAddress) {}

    public static Topic createTopic(int participant, String ddsTopicName, String ddsTypeName, DdsQos qos) {
        CycloneLibrary lib = CycloneLibrary.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment sertypeOut = arena.allocate(ADDRESS);
            MemorySegment topicQos = qos == null ? MemorySegment.NULL : qos.qos;
            int rc = (int) lib.shimCreateTopic.invokeExact(participant, arena.allocateFrom(ddsTopicName), arena.allocateFrom(ddsTypeName),
                    topicQos, sertypeOut);
            check(rc, "topic " + ddsTopicName + " of type " + ddsTypeName);
            return new Topic(rc, sertypeOut.get(ADDRESS, 0).address());
        } catch (TransportException e) {
            throw e;
        } catch (Throwable t) {
            throw new TransportException("crt_create_topic(" + ddsTopicName + ") failed: " + t);
        }
    }

    public static int createWriter(int participant, Topic topic, DdsQos qos) {
        CycloneLibrary lib = CycloneLibrary.get();
        int rc;
        try {
            rc = (int) lib.createWriter.invokeExact(participant, topic.entity(), qos.qos, MemorySegment.NULL);
        } catch (Throwable t) {
            throw new TransportException("dds_create_writer failed: " + t);
        }
        return check(rc, "writer");
    }

    public static int createReader(int participant, Topic topic, DdsQos qos) {
        CycloneLibrary lib = CycloneLibrary.get();
        int rc;
        try {
            rc = (int) lib.createReader.invokeExact(participant, topic.entity(), qos.qos, MemorySegment.NULL);
        } catch (Throwable t) {
            throw new TransportException("dds_create_reader failed: " + t);
        }
        return check(rc, "reader");
    }

    /** Deletes an entity and its children; a code &lt; 0 (already deleted) is ignored. */
    public static void delete(int entity) {
        try {
            int rc = (int) CycloneLibrary.get().delete.invokeExact(entity);
            if (rc < 0) {
                return;
            }
        } catch (Throwable t) {
            throw new TransportException("dds_delete(" + entity + ") failed: " + t);
        }
    }

    /** The 16-byte DDSI GUID of an entity. */
    public static byte[] guid(int entity) {
        CycloneLibrary lib = CycloneLibrary.get();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment g = arena.allocate(16);
            int rc = (int) lib.getGuid.invokeExact(entity, g);
            check(rc, "GUID of entity " + entity);
            return g.toArray(JAVA_BYTE);
        } catch (TransportException e) {
            throw e;
        } catch (Throwable t) {
            throw new TransportException("dds_get_guid failed: " + t);
        }
    }

    /** Readers currently matched with {@code writer}. */
    public static int matchedSubscriptions(int writer) {
        return matched(CycloneLibrary.get().publicationMatched, writer);
    }

    /** Writers currently matched with {@code reader}. */
    public static int matchedPublications(int reader) {
        return matched(CycloneLibrary.get().subscriptionMatched, reader);
    }

    private static int matched(java.lang.invoke.MethodHandle status, int entity) {
        try (Arena arena = Arena.ofConfined()) {
            // {uint32 total_count; int32 total_count_change; uint32 current_count; int32 current_count_change; uint64 last_handle}
            MemorySegment s = arena.allocate(24, 8);
            int rc = (int) status.invokeExact(entity, s);
            check(rc, "matched status of entity " + entity);
            return s.get(JAVA_INT, 8);
        } catch (TransportException e) {
            throw e;
        } catch (Throwable t) {
            throw new TransportException("matched status query failed: " + t);
        }
    }

    /** Text of a DDS return code, for messages. */
    public static String errorText(int rc) {
        return CycloneLibrary.get().retCode(rc);
    }

    static int check(int rc, String what) {
        if (rc < 0) {
            throw new TransportException("Cyclone DDS could not create the " + what + ": " + CycloneLibrary.get().retCode(rc));
        }
        return rc;
    }
}
