package io.chunkrt.replay.hdf5;

import io.chunkrt.replay.RecordingException;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.exceptions.HdfException;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An ACT/ALOHA episode in HDF5 (as tonyzhaozh/act's record_sim_episodes.py and ALOHA's recorder write it), read
 * through jhdf: {@code /observations/qpos [T, J]}, optional {@code /observations/qvel}, {@code /action [T, J]} and
 * {@code /observations/images/<camera> [T, H, W, 3]} uint8 RGB. Joint arrays are loaded at open (small); images
 * are read one frame at a time into a caller-owned buffer.
 */
public final class AlohaEpisode implements AutoCloseable {
    private final Path file;
    private final HdfFile hdf;
    private final int frames;
    private final int joints;
    private final double[] qpos;
    private final double[] qvel;
    private final double[] action;
    private final int actionDim;
    private final List<String> cameras;
    private final boolean sim;
    private final Map<String, Dataset> imageSets = new HashMap<>();

    private AlohaEpisode(Path file, HdfFile hdf) {
        this.file = file;
        this.hdf = hdf;
        Dataset qposSet = dataset("/observations/qpos");
        int[] qposDims = qposSet.getDimensions();
        if (qposDims.length != 2) {
            throw new RecordingException("HDF5 episode '" + file + "': /observations/qpos has shape " + Arrays.toString(qposDims)
                    + "; ACT episodes store it as [frames, joints]");
        }
        this.frames = qposDims[0];
        this.joints = qposDims[1];
        this.qpos = doubles(qposSet);
        Dataset actionSet = dataset("/action");
        int[] actionDims = actionSet.getDimensions();
        if (actionDims.length != 2 || actionDims[0] != frames) {
            throw new RecordingException("HDF5 episode '" + file + "': /action has shape " + Arrays.toString(actionDims)
                    + " but /observations/qpos has " + frames + " frames; they must match");
        }
        this.actionDim = actionDims[1];
        this.action = doubles(actionSet);
        Node qvelNode = hdf.getByPath("/observations").isGroup() ? ((Group) hdf.getByPath("/observations")).getChild("qvel") : null;
        this.qvel = qvelNode instanceof Dataset d ? doubles(d) : null;
        List<String> cams = new ArrayList<>();
        Node images = ((Group) hdf.getByPath("/observations")).getChild("images");
        if (images instanceof Group g) {
            g.getChildren().keySet().stream().sorted().forEach(cams::add);
        }
        this.cameras = List.copyOf(cams);
        for (String cam : cameras) {
            int[] d = imageDims(cam);
            if (d.length != 4 || d[0] != frames || d[3] != 3) {
                throw new RecordingException("HDF5 episode '" + file + "': /observations/images/" + cam + " has shape "
                        + Arrays.toString(d) + "; ChunkRT reads raw RGB frames [" + frames + ", H, W, 3] (JPEG-compressed"
                        + " ALOHA episodes must be decompressed first)");
            }
        }
        Attribute simAttr = hdf.getAttribute("sim");
        this.sim = simAttr != null && truthy(simAttr.getData());
    }

    /** h5py writes numpy bools as an HDF5 enum (FALSE/TRUE), which jhdf gives as a string; numbers count too. */
    private static boolean truthy(Object v) {
        if (v != null && v.getClass().isArray()) {
            return Array.getLength(v) > 0 && truthy(Array.get(v, 0));
        }
        return v instanceof Boolean b ? b : v instanceof Number n ? n.intValue() != 0
                : v instanceof String t && (t.equalsIgnoreCase("true") || t.equals("1"));
    }

    /** Opens {@code file}; throws RecordingException (one line) when it is not an ACT/ALOHA episode. */
    public static AlohaEpisode open(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new RecordingException("HDF5 episode '" + file + "' does not exist");
        }
        HdfFile hdf;
        try {
            hdf = new HdfFile(file);
        } catch (HdfException e) {
            throw new RecordingException("file '" + file + "' is not a readable HDF5 file: " + firstLine(e)
                    + "; ACT/ALOHA episodes are episode_<n>.hdf5 files", e);
        }
        try {
            return new AlohaEpisode(file, hdf);
        } catch (HdfException e) {
            hdf.close();
            throw new RecordingException("HDF5 episode '" + file + "' cannot be read: " + firstLine(e), e);
        } catch (RuntimeException e) {
            hdf.close();
            throw e;
        }
    }

    private static String firstLine(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    }

    private Dataset dataset(String path) {
        Node n;
        try {
            n = hdf.getByPath(path);
        } catch (HdfException e) {
            n = null;
        }
        if (!(n instanceof Dataset d)) {
            throw new RecordingException("HDF5 episode '" + file + "' has no dataset " + path + "; ACT/ALOHA episodes hold"
                    + " /observations/qpos, /observations/images/<camera> and /action");
        }
        return d;
    }

    private double[] doubles(Dataset d) {
        Object flat = d.getDataFlat();
        if (flat instanceof double[] a) {
            return a;
        }
        if (flat instanceof float[] f) {
            double[] a = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                a[i] = f[i];
            }
            return a;
        }
        throw new RecordingException("HDF5 episode '" + file + "': " + d.getPath() + " holds " + d.getJavaType().getSimpleName()
                + " values; ACT episodes store joint data as float64 or float32");
    }

    private int[] imageDims(String camera) {
        return dataset("/observations/images/" + camera).getDimensions();
    }

    public Path file() {
        return file;
    }

    public int frames() {
        return frames;
    }

    public int jointCount() {
        return joints;
    }

    public int actionDim() {
        return actionDim;
    }

    /** The root attribute "sim" (true for ACT's simulated episodes). */
    public boolean sim() {
        return sim;
    }

    /** qpos, frame-major: frames x jointCount. */
    public double[] qpos() {
        return qpos;
    }

    public Optional<double[]> qvel() {
        return Optional.ofNullable(qvel);
    }

    /** The recorded action, frame-major: frames x actionDim. */
    public double[] action() {
        return action;
    }

    /** Camera names under /observations/images, sorted. */
    public List<String> cameras() {
        return cameras;
    }

    public int imageHeight(String camera) {
        return imageDims(checkCamera(camera))[1];
    }

    public int imageWidth(String camera) {
        return imageDims(checkCamera(camera))[2];
    }

    private String checkCamera(String camera) {
        if (!cameras.contains(camera)) {
            throw new RecordingException("HDF5 episode '" + file + "' has no camera '" + camera + "'; its cameras are " + cameras);
        }
        return camera;
    }

    /**
     * Reads frame {@code frame} of {@code camera} as packed RGB24 (H*W*3 bytes) into {@code rgbOut}. A camera stored in
     * chunks of one frame of 8-bit samples (as ACT and ALOHA write it) is read by decompressing that frame's chunk
     * straight into bytes; any other layout through a slice read.
     */
    public void image(String camera, int frame, byte[] rgbOut) {
        Dataset d = imageSets.computeIfAbsent(checkCamera(camera), c -> dataset("/observations/images/" + c));
        int[] dims = d.getDimensions();
        if (frame < 0 || frame >= frames) {
            throw new IllegalArgumentException("frame " + frame + " is outside 0.." + (frames - 1));
        }
        int bytes = dims[1] * dims[2] * dims[3];
        if (rgbOut.length < bytes) {
            throw new IllegalArgumentException("image buffer of " + rgbOut.length + " bytes is smaller than " + bytes);
        }
        Object slice;
        try {
            if (d instanceof ChunkedDataset c && d.getDataType().getSize() == 1
                    && Arrays.equals(c.getChunkDimensions(), new int[] {1, dims[1], dims[2], dims[3]})) {
                byte[] chunk = c.getDecompressedChunk(new int[] {frame, 0, 0, 0});
                if (chunk.length == bytes) {
                    System.arraycopy(chunk, 0, rgbOut, 0, bytes);
                    return;
                }
            }
            slice = d.getData(new long[] {frame, 0, 0, 0}, new int[] {1, dims[1], dims[2], dims[3]});
        } catch (HdfException e) {
            throw new RecordingException("HDF5 episode '" + file + "': frame " + frame + " of camera '" + camera
                    + "' cannot be read: " + firstLine(e), e);
        }
        int[] at = {0};
        flatten(slice, rgbOut, at);
    }

    /** Copies a nested (byte/short/int) array's leaves in order, as unsigned 8-bit values. */
    private static void flatten(Object array, byte[] out, int[] at) {
        if (array instanceof byte[] b) {
            System.arraycopy(b, 0, out, at[0], b.length);
            at[0] += b.length;
        } else if (array instanceof short[] s) {
            for (short v : s) {
                out[at[0]++] = (byte) v;
            }
        } else if (array instanceof int[] s) {
            for (int v : s) {
                out[at[0]++] = (byte) v;
            }
        } else {
            int n = Array.getLength(array);
            for (int i = 0; i < n; i++) {
                flatten(Array.get(array, i), out, at);
            }
        }
    }

    @Override
    public void close() {
        hdf.close();
    }
}
