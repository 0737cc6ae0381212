package io.chunkrt.card;

/**
 * The image tensor a network expects for one camera, and how a camera frame becomes it: an optional crop,
 * a resize, the channel order and the pixel scale (normalization is the input's).
 */
public record ImageSpec(int channels, int height, int width, ResizeMode resize, PixelScale scale, ImageCrop crop, ChannelOrder channelOrder) {
    public ImageSpec {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels is " + channels + "; expected 1 or 3");
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("height x width is " + height + "x" + width + "; expected positive sizes");
        }
        if (resize == null || scale == null || channelOrder == null) {
            throw new IllegalArgumentException("resize, scale and channel order are required; got " + resize + ", " + scale + ", " + channelOrder);
        }
    }

    /** No crop, RGB order. */
    public ImageSpec(int channels, int height, int width, ResizeMode resize, PixelScale scale) {
        this(channels, height, width, resize, scale, null, ChannelOrder.RGB);
    }

    public int planeSize() {
        return height * width;
    }
}
