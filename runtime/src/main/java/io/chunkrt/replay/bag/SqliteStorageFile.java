package io.chunkrt.replay.bag;

import io.chunkrt.replay.RecordingException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * A rosbag2 sqlite3 storage file, opened read-only. Reads both schemas: the old one (topics and messages tables;
 * before Foxy without offered_qos_profiles) and the Iron+ one (adds schema, metadata and message_definitions tables
 * and topics.type_description_hash). Messages come ordered by timestamp, then row id.
 */
final class SqliteStorageFile implements StorageFile {
    private final Path path;
    private final Connection db;
    private final Map<Long, BagTopic> topicsById = new LinkedHashMap<>();

    SqliteStorageFile(Path path) {
        this.path = path;
        SQLiteConfig config = new SQLiteConfig();
        config.setReadOnly(true);
        config.setOpenMode(SQLiteOpenMode.READONLY);
        try {
            this.db = DriverManager.getConnection("jdbc:sqlite:" + path.toAbsolutePath(), config.toProperties());
        } catch (SQLException e) {
            throw failure("cannot be opened", e);
        }
        try {
            Set<String> columns = new HashSet<>();
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery("PRAGMA table_info(topics)")) {
                while (rs.next()) {
                    columns.add(rs.getString("name"));
                }
            }
            if (columns.isEmpty()) {
                throw new RecordingException("sqlite3 bag file '" + path + "' has no 'topics' table; it is an sqlite "
                        + "database but not a rosbag2 bag (tables topics and messages are required)");
            }
            String sql = "SELECT id, name, type, serialization_format, "
                    + (columns.contains("offered_qos_profiles") ? "offered_qos_profiles" : "''") + ", "
                    + (columns.contains("type_description_hash") ? "type_description_hash" : "''") + " FROM topics ORDER BY id";
            try (Statement st = db.createStatement(); ResultSet rs = st.executeQuery(sql)) {
                while (rs.next()) {
                    topicsById.put(rs.getLong(1), new BagTopic(rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getString(5), rs.getString(6)));
                }
            }
        } catch (SQLException e) {
            close();
            throw failure("cannot be read", e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private RecordingException failure(String what, SQLException e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
        return new RecordingException("sqlite3 bag file '" + path + "' " + what + ": " + reason
                + "; the file is corrupt or not a rosbag2 sqlite3 bag (check it with: sqlite3 " + path.getFileName()
                + " 'PRAGMA integrity_check')", e);
    }

    @Override
    public Path path() {
        return path;
    }

    @Override
    public String storageId() {
        return "sqlite3";
    }

    @Override
    public List<BagTopic> topics() {
        return List.copyOf(topicsById.values());
    }

    @Override
    public Map<String, Long> indexedCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (BagTopic t : topicsById.values()) {
            counts.put(t.name(), 0L);
        }
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT topic_id, COUNT(*) FROM messages GROUP BY topic_id")) {
            while (rs.next()) {
                BagTopic t = topicsById.get(rs.getLong(1));
                if (t != null) {
                    counts.merge(t.name(), rs.getLong(2), Long::sum);
                }
            }
        } catch (SQLException e) {
            throw failure("cannot be counted", e);
        }
        return counts;
    }

    @Override
    public long[] timeRange() {
        try (Statement st = db.createStatement();
                ResultSet rs = st.executeQuery("SELECT MIN(timestamp), MAX(timestamp), COUNT(*) FROM messages")) {
            rs.next();
            return rs.getLong(3) == 0 ? null : new long[] {rs.getLong(1), rs.getLong(2)};
        } catch (SQLException e) {
            throw failure("cannot be read", e);
        }
    }

    @Override
    public List<String> problems() {
        return List.of();
    }

    @Override
    public MessageCursor messages(Set<String> topics, Map<String, BagTopic> described) {
        Map<Long, BagTopic> selected = new HashMap<>();
        for (Map.Entry<Long, BagTopic> e : topicsById.entrySet()) {
            if (topics == null || topics.contains(e.getValue().name())) {
                selected.put(e.getKey(), described.getOrDefault(e.getValue().name(), e.getValue()));
            }
        }
        List<Long> ids = new ArrayList<>(selected.keySet());
        StringBuilder sql = new StringBuilder("SELECT topic_id, timestamp, data FROM messages");
        if (topics != null) {
            sql.append(" WHERE topic_id IN (");
            for (int i = 0; i < ids.size(); i++) {
                sql.append(i == 0 ? "?" : ",?");
            }
            sql.append(')');
        }
        sql.append(" ORDER BY timestamp, id");
        try {
            PreparedStatement st = db.prepareStatement(sql.toString());
            if (topics != null) {
                for (int i = 0; i < ids.size(); i++) {
                    st.setLong(i + 1, ids.get(i));
                }
            }
            return new SqliteCursor(st, st.executeQuery(), selected);
        } catch (SQLException e) {
            throw failure("cannot be read", e);
        }
    }

    /** Rows of the messages table; each row's blob is the CDR payload. */
    private final class SqliteCursor implements MessageCursor {
        private final PreparedStatement statement;
        private final ResultSet rows;
        private final Map<Long, BagTopic> topics;
        private BagTopic topic;
        private long timeNs;
        private ByteBuffer payload;

        SqliteCursor(PreparedStatement statement, ResultSet rows, Map<Long, BagTopic> topics) {
            this.statement = statement;
            this.rows = rows;
            this.topics = topics;
        }

        @Override
        public boolean next() {
            try {
                while (rows.next()) {
                    BagTopic t = topics.get(rows.getLong(1));
                    if (t == null) {
                        continue; // a message whose topic row is missing: not on a known topic
                    }
                    topic = t;
                    timeNs = rows.getLong(2);
                    byte[] data = rows.getBytes(3);
                    payload = ByteBuffer.wrap(data == null ? new byte[0] : data);
                    return true;
                }
                return false;
            } catch (SQLException e) {
                throw failure("cannot be read", e);
            }
        }

        @Override
        public BagTopic topic() {
            return topic;
        }

        @Override
        public long logTimeNs() {
            return timeNs;
        }

        @Override
        public long publishTimeNs() {
            return timeNs;
        }

        @Override
        public ByteBuffer payload() {
            return payload;
        }

        @Override
        public List<String> problems() {
            return List.of();
        }

        @Override
        public void close() {
            try {
                rows.close();
                statement.close();
            } catch (SQLException e) {
                throw failure("cannot be closed", e);
            }
        }
    }

    @Override
    public void close() {
        try {
            db.close();
        } catch (SQLException e) {
            throw failure("cannot be closed", e);
        }
    }
}
