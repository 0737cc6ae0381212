package io.chunkrt.lerobot;

/** Lines of block-style YAML, two spaces per level, built in a fixed order so equal inputs give equal text. */
final class CardText {
    private final StringBuilder text = new StringBuilder();

    CardText comment(String comment) {
        text.append("# ").append(comment).append('\n');
        return this;
    }

    /** {@code key: value} at {@code level}; {@code value} is already a YAML scalar or flow list. */
    CardText field(int level, String key, String value) {
        indent(level).append(YamlScalar.text(key)).append(": ").append(value).append('\n');
        return this;
    }

    /** {@code key:} opening a nested block at {@code level + 1}. */
    CardText section(int level, String key) {
        indent(level).append(YamlScalar.text(key)).append(":\n");
        return this;
    }

    /** {@code - key: value}, the first field of a list item whose other fields sit at {@code level + 1}. */
    CardText listItem(int level, String key, String value) {
        indent(level).append("- ").append(YamlScalar.text(key)).append(": ").append(value).append('\n');
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    private StringBuilder indent(int level) {
        return text.repeat(' ', 2 * level);
    }
}
