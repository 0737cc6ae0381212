package io.chunkrt.ros.msg;

import io.chunkrt.ros.RosDistro;
import io.chunkrt.ros.cdr.CdrReader;
import io.chunkrt.ros.cdr.CdrWriter;
import io.chunkrt.ros.cdr.RosString;
import io.chunkrt.ros.cdr.SampleFault;
import java.util.ArrayList;
import java.util.List;

/**
 * rmw_dds_common/ParticipantEntitiesInfo in the layout of one distro (Gid is char[24] on Humble, char[16]
 * from Iron on; a fixed array, so no count precedes it). Graph traffic is rare, so decoding builds immutable
 * records; every length is still checked before anything is allocated from it.
 */
public final class ParticipantEntitiesInfoCodec {
    /** The same type name on every distro; the hash is Jazzy's. */
    public static final RosMessageType TYPE = new RosMessageType("rmw_dds_common", "ParticipantEntitiesInfo",
            "91a0593bacdcc50ea9bdcf849a938b128412cc1ea821245c663bcd26f83c295e");
    /** Upper bound on nodes and gids accepted when decoding, far beyond any real participant. */
    public static final int MAX_DECODED_ENTRIES = 4096;

    private static final ParticipantEntitiesInfoCodec HUMBLE = new ParticipantEntitiesInfoCodec(RosDistro.HUMBLE);
    private static final ParticipantEntitiesInfoCodec JAZZY = new ParticipantEntitiesInfoCodec(RosDistro.JAZZY);

    private final RosDistro distro;
    private final int gidBytes;

    private ParticipantEntitiesInfoCodec(RosDistro distro) {
        this.distro = distro;
        this.gidBytes = distro.gidBytes();
    }

    public static ParticipantEntitiesInfoCodec forDistro(RosDistro distro) {
        return switch (distro) {
            case HUMBLE -> HUMBLE;
            case JAZZY -> JAZZY;
        };
    }

    public RosDistro distro() {
        return distro;
    }

    public RosMessageType type() {
        return TYPE;
    }

    public byte[] encode(ParticipantEntitiesInfoMessage m) {
        CdrWriter out = CdrWriter.growable(256);
        writeGid(out, m.participantGid());
        out.writeInt32(m.nodes().size());
        for (NodeEntitiesInfoMessage n : m.nodes()) {
            out.writeString(RosString.of(n.nodeNamespace()));
            out.writeString(RosString.of(n.nodeName()));
            out.writeInt32(n.readerGids().size());
            for (Gid g : n.readerGids()) {
                writeGid(out, g);
            }
            out.writeInt32(n.writerGids().size());
            for (Gid g : n.writerGids()) {
                writeGid(out, g);
            }
        }
        return out.toByteArray();
    }

    private void writeGid(CdrWriter out, Gid g) {
        byte[] field = new byte[gidBytes];
        g.writeField(field, 0, gidBytes);
        out.writeBytes(field, 0, gidBytes);
    }

    /** Outcome of {@link #decode}: the message, or the fault that dropped it. */
    public record Decoded(ParticipantEntitiesInfoMessage message, SampleFault fault) {}

    /** Decodes one sample; allocation is bounded by the payload length (every count is checked first). */
    public Decoded decode(CdrReader in, byte[] sample, int offset, int length) {
        SampleFault f = in.begin(sample, offset, length);
        if (f != SampleFault.NONE) {
            return new Decoded(null, f);
        }
        byte[] gidScratch = new byte[gidBytes];
        RosString nameScratch = new RosString(NodeEntitiesInfoMessage.NAME_BOUND);
        Gid participant = readGid(in, gidScratch);
        int nodes = in.readCount(4, 16, MAX_DECODED_ENTRIES);
        List<NodeEntitiesInfoMessage> list = new ArrayList<>();
        for (int i = 0; i < nodes && in.ok(); i++) {
            in.readString(nameScratch);
            String ns = nameScratch.toString();
            in.readString(nameScratch);
            String name = nameScratch.toString();
            List<Gid> readers = readGids(in, gidScratch);
            List<Gid> writers = readGids(in, gidScratch);
            if (in.ok()) {
                list.add(new NodeEntitiesInfoMessage(ns, name, readers, writers));
            }
        }
        f = in.end();
        return f == SampleFault.NONE ? new Decoded(new ParticipantEntitiesInfoMessage(participant, list), f) : new Decoded(null, f);
    }

    private List<Gid> readGids(CdrReader in, byte[] gidScratch) {
        int n = in.readCount(1, gidBytes, MAX_DECODED_ENTRIES);
        List<Gid> gids = new ArrayList<>(Math.max(n, 0));
        for (int i = 0; i < n && in.ok(); i++) {
            Gid g = readGid(in, gidScratch);
            if (g != null) {
                gids.add(g);
            }
        }
        return gids;
    }

    private Gid readGid(CdrReader in, byte[] gidScratch) {
        in.readBytes(gidScratch, 0, gidBytes);
        return in.ok() ? Gid.ofField(gidScratch, 0) : null;
    }
}
