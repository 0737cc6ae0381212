package io.chunkrt.card;

/** What an ONNX observation input is built from. */
public enum InputType {
    STATE,
    IMAGE
}
