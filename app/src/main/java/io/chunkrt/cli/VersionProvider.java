package io.chunkrt.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the jar's version and the JVM it runs on. */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = ChunkrtMain.class.getPackage().getImplementationVersion();
        return new String[] {"chunkrt " + (v == null ? "dev" : v) + " on Java " + Runtime.version()};
    }
}
