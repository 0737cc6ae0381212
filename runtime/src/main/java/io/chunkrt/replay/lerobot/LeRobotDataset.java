package io.chunkrt.replay.lerobot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chunkrt.replay.RecordingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A LeRobot v3.0 dataset: meta/info.json (features, fps, path templates), meta/stats.json, meta/episodes/*.parquet
 * and the data parquet files, read through DuckDB's parquet reader; videos are decoded by {@link VideoFrameReader}.
 * Episodes are loaded one at a time.
 */
public final class LeRobotDataset implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path root;
    private final String version;
    private final String robotType;
    private final double fps;
    private final int totalEpisodes;
    private final long totalFrames;
    private final String dataPath;
    private final String videoPath;
    private final Map<String, DatasetFeature> features;
    private final Map<String, DatasetStats> stats;
    private final List<DatasetEpisode> episodes;
    private final Connection duckdb;

    private LeRobotDataset(Path root) {
        this.root = root;
        Path infoFile = root.resolve("meta/info.json");
        if (!Files.isRegularFile(infoFile)) {
            throw new RecordingException("'" + root + "' is not a LeRobot dataset: it has no meta/info.json; give the"
                    + " dataset's root folder (the one holding meta/, data/ and videos/)");
        }
        JsonNode info = readJson(infoFile);
        this.version = info.path("codebase_version").asText("");
        if (!version.startsWith("v3.")) {
            throw new RecordingException("LeRobot dataset '" + root + "' has codebase_version '" + version + "'; ChunkRT reads"
                    + " v3.0 datasets: convert it with lerobot's convert_dataset_v21_to_v30 script");
        }
        this.robotType = info.path("robot_type").asText("");
        this.fps = info.path("fps").asDouble(0);
        if (!(fps > 0)) {
            throw new RecordingException("LeRobot dataset '" + infoFile + "' has fps " + info.path("fps") + "; it must be > 0");
        }
        this.totalEpisodes = info.path("total_episodes").asInt(-1);
        this.totalFrames = info.path("total_frames").asLong(-1);
        this.dataPath = info.path("data_path").asText("data/chunk-{chunk_index:03d}/file-{file_index:03d}.parquet");
        this.videoPath = info.path("video_path").asText("videos/{video_key}/chunk-{chunk_index:03d}/file-{file_index:03d}.mp4");
        Map<String, DatasetFeature> f = new LinkedHashMap<>();
        info.path("features").properties().forEach(e -> f.put(e.getKey(), feature(e.getKey(), e.getValue())));
        this.features = f;
        this.stats = readStats(root.resolve("meta/stats.json"));
        try {
            this.duckdb = DriverManager.getConnection("jdbc:duckdb:");
        } catch (SQLException e) {
            throw new RecordingException("cannot start DuckDB to read LeRobot parquet files: " + e.getMessage(), e);
        }
        try {
            this.episodes = readEpisodes();
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Opens the dataset at {@code root}; throws RecordingException (one line) when it is not a readable v3 dataset. */
    public static LeRobotDataset open(Path root) {
        return new LeRobotDataset(root);
    }

    private static DatasetFeature feature(String name, JsonNode node) {
        List<Integer> shape = new ArrayList<>();
        node.path("shape").forEach(d -> shape.add(d.asInt()));
        List<String> names = new ArrayList<>();
        JsonNode n = node.path("names");
        if (n.isArray()) {
            n.forEach(x -> names.add(x.asText()));
        } else if (n.isObject()) {
            n.properties().forEach(e -> e.getValue().forEach(x -> names.add(x.asText())));
        }
        return new DatasetFeature(name, node.path("dtype").asText(""), shape, names);
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(Files.readString(file));
        } catch (IOException e) {
            String reason = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new RecordingException("LeRobot file '" + file + "' is not readable JSON: " + reason, e);
        }
    }

    private static Map<String, DatasetStats> readStats(Path file) {
        Map<String, DatasetStats> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        readJson(file).properties().forEach(e -> out.put(e.getKey(), new DatasetStats(e.getKey(), flat(e.getValue().get("min")),
                flat(e.getValue().get("max")), flat(e.getValue().get("mean")), flat(e.getValue().get("std")))));
        return out;
    }

    private static double[] flat(JsonNode node) {
        List<Double> values = new ArrayList<>();
        collect(node, values);
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static void collect(JsonNode node, List<Double> into) {
        if (node == null || node.isNull()) {
            return;
        }
        if (node.isArray()) {
            node.forEach(n -> collect(n, into));
        } else {
            into.add(node.asDouble());
        }
    }

    private List<DatasetEpisode> readEpisodes() {
        Path dir = root.resolve("meta/episodes");
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
        } catch (IOException e) {
            throw new RecordingException("LeRobot dataset '" + root + "' has no readable meta/episodes folder: "
                    + e.getMessage() + "; a v3.0 dataset keeps its episode table there", e);
        }
        if (files.isEmpty()) {
            throw new RecordingException("LeRobot dataset '" + root + "' has no parquet files under meta/episodes");
        }
        List<DatasetEpisode> out = new ArrayList<>();
        for (Path file : files) {
            try (Statement st = duckdb.createStatement();
                    ResultSet rs = st.executeQuery("SELECT * FROM read_parquet(" + quote(file) + ") ORDER BY episode_index")) {
                ResultSetMetaData md = rs.getMetaData();
                List<String> columns = new ArrayList<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    columns.add(md.getColumnLabel(i));
                }
                for (String required : List.of("episode_index", "length", "data/chunk_index", "data/file_index",
                        "dataset_from_index", "dataset_to_index")) {
                    if (!columns.contains(required)) {
                        throw new RecordingException("LeRobot episodes file '" + file + "' has no column '" + required
                                + "'; its columns are " + columns + " (is this a v3.0 dataset?)");
                    }
                }
                while (rs.next()) {
                    Map<String, VideoSpan> videos = new LinkedHashMap<>();
                    for (DatasetFeature f : features.values()) {
                        String p = "videos/" + f.name() + "/";
                        if (f.isVideo() && columns.contains(p + "chunk_index")) {
                            videos.put(f.name(), new VideoSpan(f.name(), rs.getInt(p + "chunk_index"), rs.getInt(p + "file_index"),
                                    rs.getDouble(p + "from_timestamp"), rs.getDouble(p + "to_timestamp")));
                        }
                    }
                    List<String> tasks = new ArrayList<>();
                    if (columns.contains("tasks")) {
                        Array a = rs.getArray("tasks");
                        if (a != null) {
                            for (Object o : (Object[]) a.getArray()) {
                                tasks.add(String.valueOf(o));
                            }
                        }
                    }
                    out.add(new DatasetEpisode(rs.getInt("episode_index"), rs.getInt("length"), rs.getInt("data/chunk_index"),
                            rs.getInt("data/file_index"), rs.getLong("dataset_from_index"), rs.getLong("dataset_to_index"),
                            videos, tasks));
                }
            } catch (SQLException e) {
                throw parquetFailure(file, e);
            }
        }
        return out;
    }

    private RecordingException parquetFailure(Path file, SQLException e) {
        String reason = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
        return new RecordingException("LeRobot parquet file '" + file + "' cannot be read: " + reason, e);
    }

    private static String quote(Path p) {
        return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
    }

    public Path root() {
        return root;
    }

    public String version() {
        return version;
    }

    public String robotType() {
        return robotType;
    }

    public double fps() {
        return fps;
    }

    /** total_episodes of info.json. */
    public int totalEpisodes() {
        return totalEpisodes;
    }

    /** total_frames of info.json. */
    public long totalFrames() {
        return totalFrames;
    }

    public Map<String, DatasetFeature> features() {
        return features;
    }

    public Map<String, DatasetStats> stats() {
        return stats;
    }

    public List<DatasetEpisode> episodes() {
        return episodes;
    }

    public DatasetEpisode episode(int index) {
        for (DatasetEpisode e : episodes) {
            if (e.index() == index) {
                return e;
            }
        }
        throw new RecordingException("LeRobot dataset '" + root + "' has no episode " + index + "; its episodes are 0.."
                + (episodes.size() - 1));
    }

    /**
     * Checks that every name in {@code required} (from a policy card) is a feature of this dataset; otherwise one
     * line names the missing ones and lists what the dataset has.
     */
    public void requireFeatures(Collection<String> required, String requiredBy) {
        List<String> missing = required.stream().filter(n -> !features.containsKey(n)).toList();
        if (!missing.isEmpty()) {
            throw new RecordingException(requiredBy + " needs feature" + (missing.size() > 1 ? "s " : " ") + missing
                    + " but LeRobot dataset '" + root + "' has " + features.keySet()
                    + "; map the card's inputs to the dataset's feature names");
        }
    }

    /** The path of {@code episode}'s data parquet file. */
    public Path dataFile(DatasetEpisode episode) {
        return root.resolve(format(dataPath, Map.of("chunk_index", episode.dataChunkIndex(), "file_index", episode.dataFileIndex())));
    }

    /** The path of {@code episode}'s video for camera {@code videoKey}. */
    public Path videoFile(DatasetEpisode episode, String videoKey) {
        VideoSpan span = episode.videos().get(videoKey);
        if (span == null) {
            throw new RecordingException("LeRobot episode " + episode.index() + " has no video '" + videoKey + "'; its videos are "
                    + episode.videos().keySet());
        }
        return root.resolve(format(videoPath, Map.of("video_key", videoKey, "chunk_index", span.chunkIndex(),
                "file_index", span.fileIndex())));
    }

    /** Python str.format for the {name} and {name:03d} fields LeRobot's path templates use. */
    static String format(String template, Map<String, Object> values) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            int open = template.indexOf('{', i);
            if (open < 0) {
                out.append(template, i, template.length());
                break;
            }
            int close = template.indexOf('}', open);
            out.append(template, i, open);
            String field = template.substring(open + 1, close);
            String name = field.contains(":") ? field.substring(0, field.indexOf(':')) : field;
            Object v = values.get(name);
            if (v == null) {
                throw new RecordingException("LeRobot path template '" + template + "' uses {" + name + "}, which ChunkRT does not know");
            }
            if (field.contains(":")) {
                String spec = field.substring(field.indexOf(':') + 1);
                out.append(String.format("%" + spec, ((Number) v).longValue()));
            } else {
                out.append(v);
            }
            i = close + 1;
        }
        return out.toString();
    }

    /** Reads {@code vectorFeatures} (float vectors, e.g. observation.state and action) of one episode. */
    public EpisodeData readEpisode(int episodeIndex, List<String> vectorFeatures) {
        DatasetEpisode episode = episode(episodeIndex);
        requireFeatures(vectorFeatures, "reading episode " + episodeIndex);
        Path file = dataFile(episode);
        if (!Files.isRegularFile(file)) {
            throw new RecordingException("LeRobot data file '" + file + "' of episode " + episodeIndex + " is missing");
        }
        int frames = episode.length();
        Map<String, float[]> vectors = new LinkedHashMap<>();
        Map<String, Integer> dims = new HashMap<>();
        for (String f : vectorFeatures) {
            dims.put(f, features.get(f).size());
            vectors.put(f, new float[frames * features.get(f).size()]);
        }
        float[] timestamps = new float[frames];
        long[] frameIndexes = new long[frames];
        StringBuilder sql = new StringBuilder("SELECT frame_index, timestamp");
        for (String f : vectorFeatures) {
            sql.append(", \"").append(f.replace("\"", "\"\"")).append('"');
        }
        sql.append(" FROM read_parquet(").append(quote(file)).append(") WHERE episode_index = ? ORDER BY frame_index");
        int row = 0;
        try (PreparedStatement st = duckdb.prepareStatement(sql.toString())) {
            st.setInt(1, episodeIndex);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    if (row == frames) {
                        throw new RecordingException("LeRobot data file '" + file + "' holds more than the " + frames
                                + " frames meta/episodes gives episode " + episodeIndex);
                    }
                    frameIndexes[row] = rs.getLong(1);
                    timestamps[row] = rs.getFloat(2);
                    for (int k = 0; k < vectorFeatures.size(); k++) {
                        String f = vectorFeatures.get(k);
                        Object value = rs.getObject(3 + k);
                        copyVector(value, vectors.get(f), row, dims.get(f), f, file, episodeIndex);
                    }
                    row++;
                }
            }
        } catch (SQLException e) {
            throw parquetFailure(file, e);
        }
        if (row != frames) {
            throw new RecordingException("LeRobot data file '" + file + "' holds " + row + " frames of episode " + episodeIndex
                    + " but meta/episodes says " + frames);
        }
        return new EpisodeData(episodeIndex, frames, vectors, dims, timestamps, frameIndexes);
    }

    private static void copyVector(Object value, float[] into, int row, int dim, String feature, Path file, int episode)
            throws SQLException {
        Object[] items = value instanceof Array a ? (Object[]) a.getArray() : value instanceof Number n ? new Object[] {n} : null;
        if (items == null || items.length != dim) {
            throw new RecordingException("LeRobot data file '" + file + "' episode " + episode + " frame " + row + ": feature '"
                    + feature + "' has " + (items == null ? "no values" : items.length + " values") + " but info.json gives it " + dim);
        }
        for (int i = 0; i < dim; i++) {
            into[row * dim + i] = ((Number) items[i]).floatValue();
        }
    }

    @Override
    public void close() {
        try {
            if (duckdb != null) {
                duckdb.close();
            }
        } catch (SQLException e) {
            throw new RecordingException("cannot close DuckDB: " + e.getMessage(), e);
        }
    }
}
