package io.chunkrt.card;

/** The image tensor a network expects for one camera. */
public record ImageSpec(int channels, int height, int width, ResizeMode resize, PixelScale scale) {
    public ImageSpec {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels is " + channels + "; expected 1 or 3");
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("height x width is " + height + "x" + width + "; expected positive sizes");
        }
    }

    public int planeSize() {
        return height * width;
    }
}
