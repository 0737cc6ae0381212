package io.chunkrt.fusion;

import io.chunkrt.fusion.image.PixelEncoding;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferUShort;
import java.awt.image.Raster;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;

/**
 * Decodes JPEG and PNG camera messages with javax.imageio (the JDK's libjpeg 6b and its PNG reader) into raw
 * pixels of the camera's size. Runs on the camera's producer thread. ImageIO allocates per image (its stream
 * state, Huffman tables, for PNG an inflater and the image itself); the decoder keeps what it can: the readers, the
 * input stream and, for 3-component JPEGs, the destination image, which ImageIO decodes into in place.
 *
 * <p>A truncated or damaged JPEG often decodes "successfully" with a warning (libjpeg fills the missing rows with
 * gray); the decoder listens for warnings and rejects such an image.
 */
final class CompressedFrameDecoder {
    private final int width;
    private final int height;
    private final ImageReader jpegReader;
    private final ImageReader pngReader;
    private final ByteRegionImageInputStream input = new ByteRegionImageInputStream();
    private final BufferedImage jpegDestination;
    private final ImageReadParam jpegParam;
    private final byte[] converted;
    private byte[] pixels;
    private PixelEncoding encoding;
    private boolean warned;

    CompressedFrameDecoder(int width, int height) {
        this.width = width;
        this.height = height;
        this.jpegReader = reader("jpeg");
        this.pngReader = reader("png");
        jpegReader.addIIOReadWarningListener((source, warning) -> warned = true);
        pngReader.addIIOReadWarningListener((source, warning) -> warned = true);
        this.jpegDestination = new BufferedImage(width, height, BufferedImage.TYPE_3BYTE_BGR);
        this.jpegParam = jpegReader.getDefaultReadParam();
        jpegParam.setDestination(jpegDestination);
        this.converted = new byte[width * height * 4];
    }

    private static ImageReader reader(String format) {
        Iterator<ImageReader> it = ImageIO.getImageReadersByFormatName(format);
        if (!it.hasNext()) {
            throw new IllegalStateException("this JDK has no ImageIO " + format + " reader; use a full JDK (java.desktop module)");
        }
        return it.next();
    }

    /** Tight rows of the last decoded image (valid until the next decode). */
    byte[] pixels() {
        return pixels;
    }

    PixelEncoding encoding() {
        return encoding;
    }

    IngestStatus decode(byte[] data, int offset, int length) {
        ImageReader reader;
        if (length >= 3 && (data[offset] & 0xFF) == 0xFF && (data[offset + 1] & 0xFF) == 0xD8 && (data[offset + 2] & 0xFF) == 0xFF) {
            reader = jpegReader;
        } else if (length >= 8 && (data[offset] & 0xFF) == 0x89 && data[offset + 1] == 'P' && data[offset + 2] == 'N' && data[offset + 3] == 'G') {
            reader = pngReader;
        } else {
            return IngestStatus.UNSUPPORTED_ENCODING;
        }
        warned = false;
        input.reset(data, offset, length);
        try {
            reader.setInput(input, true, true);
            if (reader.getWidth(0) != width || reader.getHeight(0) != height) {
                return IngestStatus.WRONG_SIZE;
            }
            ImageTypeSpecifier raw = reader == jpegReader ? reader.getRawImageType(0) : null;
            if (raw != null && raw.getNumBands() == 3) {
                reader.read(0, jpegParam);
                pixels = ((DataBufferByte) jpegDestination.getRaster().getDataBuffer()).getData();
                encoding = PixelEncoding.BGR8;
            } else {
                convert(reader.read(0));
            }
        } catch (IOException | RuntimeException e) {
            // ImageIO reports damaged data as IIOException, but also as IndexOutOfBounds- or IllegalArgumentExceptions
            return IngestStatus.CORRUPT_IMAGE;
        } finally {
            reader.setInput(null);
        }
        return warned ? IngestStatus.CORRUPT_IMAGE : IngestStatus.ACCEPTED;
    }

    /** Copies a decoded image of any layout into {@link #converted} as rgb8, rgba8, mono8 or mono16. */
    private void convert(BufferedImage image) {
        Raster raster = image.getRaster();
        DataBuffer buffer = raster.getDataBuffer();
        int bands = raster.getNumBands();
        pixels = converted;
        if (raster.getSampleModel() instanceof ComponentSampleModel sm && raster.getSampleModelTranslateX() == 0
                && raster.getSampleModelTranslateY() == 0 && buffer.getNumBanks() == 1) {
            int[] offsets = sm.getBandOffsets();
            int pixelStride = sm.getPixelStride();
            int rowStride = sm.getScanlineStride();
            if (buffer instanceof DataBufferByte bytes && (bands == 1 || bands == 3 || bands == 4)) {
                byte[] src = bytes.getData();
                encoding = bands == 1 ? PixelEncoding.MONO8 : bands == 3 ? PixelEncoding.RGB8 : PixelEncoding.RGBA8;
                int out = 0;
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        int p = y * rowStride + x * pixelStride;
                        for (int b = 0; b < bands; b++) {
                            converted[out++] = src[p + offsets[b]];
                        }
                    }
                }
                return;
            }
            if (buffer instanceof DataBufferUShort shorts && bands == 1) {
                short[] src = shorts.getData();
                encoding = PixelEncoding.MONO16;
                int out = 0;
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        int v = src[y * rowStride + x * pixelStride + offsets[0]];
                        converted[out++] = (byte) v;
                        converted[out++] = (byte) (v >>> 8);
                    }
                }
                return;
            }
        }
        // palettes, gray + alpha, 16-bit color: let the color model produce 8-bit sRGB
        encoding = PixelEncoding.RGB8;
        int out = 0;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int argb = image.getRGB(x, y);
                converted[out++] = (byte) (argb >>> 16);
                converted[out++] = (byte) (argb >>> 8);
                converted[out++] = (byte) argb;
            }
        }
    }
}
