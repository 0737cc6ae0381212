package io.chunkrt.replay.lerobot;

import java.util.List;

/** A feature of info.json: name, dtype ("float32", "int64", "video", "image", ...), shape and component names. */
public record DatasetFeature(String name, String dtype, List<Integer> shape, List<String> names) {
    public DatasetFeature {
        shape = List.copyOf(shape);
        names = List.copyOf(names);
    }

    public boolean isVideo() {
        return dtype.equals("video");
    }

    /** Elements per frame (product of the shape). */
    public int size() {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
