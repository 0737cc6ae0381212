package io.chunkrt.card;

/** The channel order a 3-channel image network was trained on. */
public enum ChannelOrder {
    /** Red, green, blue: torchvision, PIL, LeRobot. */
    RGB,
    /** Blue, green, red: networks trained on OpenCV frames without conversion. */
    BGR
}
