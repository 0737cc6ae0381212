package io.chunkrt.card;

import java.nio.file.Path;

/** The ONNX file a card describes and the SHA-256 it must have. */
public record ModelRef(Path file, String sha256) {}
