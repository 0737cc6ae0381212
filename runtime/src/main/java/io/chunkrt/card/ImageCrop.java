package io.chunkrt.card;

/**
 * A crop applied to the camera frame before any resize: {@code height} x {@code width} pixels at
 * ({@code top}, {@code left}), or centered as torchvision's {@code CenterCrop} places it when {@code centered}.
 */
public record ImageCrop(int height, int width, boolean centered, int top, int left) {
    public ImageCrop {
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("crop height x width is " + height + "x" + width + "; expected positive sizes");
        }
        if (centered && (top != 0 || left != 0)) {
            throw new IllegalArgumentException("a centered crop has no top/left offset; got top " + top + ", left " + left);
        }
        if (top < 0 || left < 0) {
            throw new IllegalArgumentException("crop top/left is " + top + "/" + left + "; expected offsets >= 0");
        }
    }

    public static ImageCrop center(int height, int width) {
        return new ImageCrop(height, width, true, 0, 0);
    }

    public static ImageCrop at(int top, int left, int height, int width) {
        return new ImageCrop(height, width, false, top, left);
    }

    /**
     * Top row of the crop in a frame {@code frameHeight} rows high: torchvision's
     * {@code int(round((frameHeight - height) / 2.0))} for a centered crop, which rounds halves to even.
     */
    public int topIn(int frameHeight) {
        return centered ? (int) Math.rint((frameHeight - height) / 2.0) : top;
    }

    /** Left column of the crop in a frame {@code frameWidth} columns wide (see {@link #topIn}). */
    public int leftIn(int frameWidth) {
        return centered ? (int) Math.rint((frameWidth - width) / 2.0) : left;
    }
}
