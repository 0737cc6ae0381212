package io.chunkrt.ros.dds.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BOOLEAN;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import io.chunkrt.ros.transport.TransportException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;

/**
 * Loads Cyclone DDS (by soname {@code libddsc.so.0debian}, Debian, or {@code libddsc.so.0}, upstream and ROS)
 * and the raw-CDR shim built with this module, and binds the C functions the bridge calls. Process-wide,
 * loaded on first use. The only class that knows the C signatures.
 *
 * <p>System properties: {@code chunkrt.dds.library} (a Cyclone library name or path to load instead),
 * {@code chunkrt.dds.shim} (path of libchunkrt_rawcdr.so to use instead of the bundled one).
 */
@SuppressWarnings("restricted") // the one place that binds native code; the JVM runs with --enable-native-access
final class CycloneLibrary {
    static {
        if (ADDRESS.byteSize() != JAVA_LONG.byteSize()) {
            throw new ExceptionInInitializerError("the DDS bindings pass pointers as 64-bit integers; this is a " + ADDRESS.byteSize() * 8 + "-bit platform");
        }
    }

    static final int SHIM_ABI_VERSION = 1;
    static final List<String> SONAMES = List.of("libddsc.so.0debian", "libddsc.so.0");
    static final String SHIM_NAME = "libchunkrt_rawcdr.so";

    private static volatile CycloneLibrary instance;

    final String ddscName;
    final Path shimPath;

    // domain and entities
    final MethodHandle createDomain;
    final MethodHandle createParticipant;
    final MethodHandle createWriter;
    final MethodHandle createReader;
    final MethodHandle delete;
    final MethodHandle getGuid;
    final MethodHandle strRetCode;
    final MethodHandle publicationMatched;
    final MethodHandle subscriptionMatched;
    final MethodHandle writeCdr;
    // qos
    final MethodHandle createQos;
    final MethodHandle deleteQos;
    final MethodHandle qsetReliability;
    final MethodHandle qsetDurability;
    final MethodHandle qsetHistory;
    final MethodHandle qsetUserData;
    final MethodHandle qsetDataRepresentation;
    final MethodHandle qsetIgnoreLocal;
    // waitsets
    final MethodHandle createWaitSet;
    final MethodHandle createReadCondition;
    final MethodHandle waitSetAttach;
    final MethodHandle waitSetWait;
    final MethodHandle waitSetSetTrigger;
    // shim
    final MethodHandle shimAbiVersion;
    final MethodHandle shimCreateTopic;
    final MethodHandle shimSerdataFromCdr;
    final MethodHandle shimTake;

    private CycloneLibrary(String ddscName, SymbolLookup ddsc, Path shimPath, SymbolLookup shim) {
        this.ddscName = ddscName;
        this.shimPath = shimPath;
        Linker linker = Linker.nativeLinker();
        Binder dds = new Binder(linker, ddsc, ddscName);
        Binder crt = new Binder(linker, shim, shimPath.toString());
        createDomain = dds.bind("dds_create_domain", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
        createParticipant = dds.bind("dds_create_participant", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        createWriter = dds.bind("dds_create_writer", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        createReader = dds.bind("dds_create_reader", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
        delete = dds.bind("dds_delete", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        getGuid = dds.bind("dds_get_guid", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
        strRetCode = dds.bind("dds_strretcode", FunctionDescriptor.of(ADDRESS, JAVA_INT));
        publicationMatched = dds.bind("dds_get_publication_matched_status", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
        subscriptionMatched = dds.bind("dds_get_subscription_matched_status", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS));
        // the serdata pointer travels as a 64-bit integer (same register class on LP64): no MemorySegment per sample
        writeCdr = dds.bind("dds_writecdr", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_LONG));
        createQos = dds.bind("dds_create_qos", FunctionDescriptor.of(ADDRESS));
        deleteQos = dds.bind("dds_delete_qos", FunctionDescriptor.ofVoid(ADDRESS));
        qsetReliability = dds.bind("dds_qset_reliability", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_LONG));
        qsetDurability = dds.bind("dds_qset_durability", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT));
        qsetHistory = dds.bind("dds_qset_history", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, JAVA_INT));
        qsetUserData = dds.bind("dds_qset_userdata", FunctionDescriptor.ofVoid(ADDRESS, ADDRESS, JAVA_LONG));
        qsetDataRepresentation = dds.bind("dds_qset_data_representation", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT, ADDRESS));
        qsetIgnoreLocal = dds.bind("dds_qset_ignorelocal", FunctionDescriptor.ofVoid(ADDRESS, JAVA_INT));
        createWaitSet = dds.bind("dds_create_waitset", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
        createReadCondition = dds.bind("dds_create_readcondition", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
        waitSetAttach = dds.bind("dds_waitset_attach", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
        waitSetWait = dds.bind("dds_waitset_wait", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG));
        waitSetSetTrigger = dds.bind("dds_waitset_set_trigger", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_BOOLEAN));
        shimAbiVersion = crt.bind("crt_abi_version", FunctionDescriptor.of(JAVA_INT));
        shimCreateTopic = crt.bind("crt_create_topic", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS));
        // short, non-blocking calls that copy straight from/into Java arrays: critical, heap access allowed
        shimSerdataFromCdr = crt.bindCritical("crt_serdata_from_cdr", FunctionDescriptor.of(JAVA_LONG, ADDRESS, ADDRESS, JAVA_INT, JAVA_INT));
        shimTake = crt.bindCritical("crt_take", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT, ADDRESS));
        int abi;
        try {
            abi = (int) shimAbiVersion.invokeExact();
        } catch (Throwable t) {
            throw new TransportException("calling crt_abi_version in " + shimPath + " failed: " + t);
        }
        if (abi != SHIM_ABI_VERSION) {
            throw new TransportException("DDS shim " + shimPath + " has interface version " + abi + " but this build needs " + SHIM_ABI_VERSION + "; rebuild ros-bridge (./mvnw -pl ros-bridge compile)");
        }
    }

    /** The loaded library; loads it on first call. */
    static CycloneLibrary get() {
        CycloneLibrary lib = instance;
        if (lib == null) {
            synchronized (CycloneLibrary.class) {
                lib = instance;
                if (lib == null) {
                    lib = load();
                    instance = lib;
                }
            }
        }
        return lib;
    }

    private static CycloneLibrary load() {
        Arena global = Arena.global();
        String override = System.getProperty("chunkrt.dds.library");
        List<String> names = override != null ? List.of(override) : SONAMES;
        SymbolLookup ddsc = null;
        String loaded = null;
        StringBuilder why = new StringBuilder();
        for (String name : names) {
            try {
                ddsc = SymbolLookup.libraryLookup(name, global);
                loaded = name;
                break;
            } catch (IllegalArgumentException e) {
                why.append(why.isEmpty() ? "" : "; ").append(name).append(": ").append(e.getMessage());
            }
        }
        if (ddsc == null) {
            throw new TransportException("Cyclone DDS is not installed: could not load " + String.join(" or ", names)
                    + " (" + why + "); install it with 'apt-get install libddsc0debian' (Debian/Ubuntu) or source a ROS 2 setup.bash, or set -Dchunkrt.dds.library=/path/to/libddsc.so");
        }
        Path shimPath = shimPath();
        SymbolLookup shim;
        try {
            shim = SymbolLookup.libraryLookup(shimPath, global);
        } catch (IllegalArgumentException e) {
            throw new TransportException("cannot load the DDS shim " + shimPath + ": " + e.getMessage()
                    + "; it was built against a different Cyclone DDS (rebuild with ./mvnw -pl ros-bridge compile -Dcyclonedds.prefix=<prefix>)");
        }
        return new CycloneLibrary(loaded, ddsc, shimPath, shim);
    }

    private static Path shimPath() {
        String override = System.getProperty("chunkrt.dds.shim");
        if (override != null) {
            Path p = Path.of(override);
            if (!Files.isRegularFile(p)) {
                throw new TransportException("-Dchunkrt.dds.shim=" + override + " does not name a file; point it at libchunkrt_rawcdr.so or drop the property");
            }
            return p;
        }
        String resource = "/native/linux-" + System.getProperty("os.arch") + "/" + SHIM_NAME;
        URL url = CycloneLibrary.class.getResource(resource);
        if (url == null) {
            throw new TransportException("the DDS shim " + resource + " is not on the class path; build ros-bridge on this machine (./mvnw -pl ros-bridge compile) so it is compiled for " + System.getProperty("os.arch"));
        }
        try {
            if ("file".equals(url.getProtocol())) {
                return Path.of(url.toURI());
            }
            Path dir = Files.createTempDirectory("chunkrt-dds");
            Path file = dir.resolve(SHIM_NAME);
            try (InputStream in = url.openStream()) {
                Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            }
            file.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return file;
        } catch (IOException | URISyntaxException e) {
            throw new TransportException("cannot unpack the DDS shim " + url + ": " + e.getMessage());
        }
    }

    /** The text of a DDS return code. */
    String retCode(int rc) {
        try {
            MemorySegment s = (MemorySegment) strRetCode.invokeExact(rc);
            return s.equals(MemorySegment.NULL) ? "rc " + rc : s.reinterpret(256).getString(0) + " (" + rc + ")";
        } catch (Throwable t) {
            return "rc " + rc;
        }
    }

    private record Binder(Linker linker, SymbolLookup lookup, String libName) {
        MethodHandle bind(String symbol, FunctionDescriptor fd) {
            return linker.downcallHandle(find(symbol), fd);
        }

        MethodHandle bindCritical(String symbol, FunctionDescriptor fd) {
            return linker.downcallHandle(find(symbol), fd, Linker.Option.critical(true));
        }

        private MemorySegment find(String symbol) {
            Optional<MemorySegment> s = lookup.find(symbol);
            if (s.isEmpty()) {
                throw new TransportException(libName + " has no symbol " + symbol + "; it is not Cyclone DDS 0.10.x (ROS 2 Humble/Iron/Jazzy) or the shim is stale (rebuild ros-bridge)");
            }
            return s.get();
        }
    }
}
