package io.chunkrt.fusion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chunkrt.fusion.image.PixelEncoding;
import io.chunkrt.fusion.image.PreprocessingReferences;
import io.chunkrt.tensorfile.NpyArray;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** ImageIO decoding against PIL's (libjpeg-turbo, zlib) on the files export_preprocessing_refs.py wrote. */
class CompressedFrameDecoderTest {
    private static final PreprocessingReferences REFS = new PreprocessingReferences();

    private static byte[] file(String name) throws IOException {
        return Files.readAllBytes(REFS.dir.resolve(name));
    }

    /** Decoded pixels as rgb (or the decoder's own layout for mono and rgba). */
    private static byte[] decode(CompressedFrameDecoder d, byte[] data, PixelEncoding expected) {
        assertEquals(IngestStatus.ACCEPTED, d.decode(data, 0, data.length));
        byte[] px = d.pixels();
        if (d.encoding() == PixelEncoding.BGR8 && expected == PixelEncoding.RGB8) {
            byte[] rgb = new byte[px.length];
            for (int p = 0; p + 2 < px.length; p += 3) {
                rgb[p] = px[p + 2];
                rgb[p + 1] = px[p + 1];
                rgb[p + 2] = px[p];
            }
            return rgb;
        }
        assertEquals(expected, d.encoding());
        return px;
    }

    private static int maxDiff(byte[] expected, byte[] actual) {
        int worst = 0;
        for (int i = 0; i < expected.length; i++) {
            worst = Math.max(worst, Math.abs((expected[i] & 0xFF) - (actual[i] & 0xFF)));
        }
        return worst;
    }

    @Test
    void jpegDecodesBitIdenticallyToPil() throws IOException {
        // the JDK's libjpeg 6b and Debian's libjpeg-turbo agree for baseline 4:2:0 with the default (islow, fancy upsampling)
        NpyArray pil = REFS.npy("jpeg_96x64_q90.decoded.npy");
        byte[] rgb = decode(new CompressedFrameDecoder(96, 64), file("jpeg_96x64_q90.jpg"), PixelEncoding.RGB8);
        assertEquals(0, maxDiff(pil.littleEndianData(), Arrays.copyOf(rgb, pil.littleEndianData().length)), "ImageIO vs PIL levels");
    }

    @Test
    void grayJpegDecodesToMono8LikePil() throws IOException {
        NpyArray pil = REFS.npy("jpeg_gray_96x64_q90.decoded.npy");
        byte[] mono = decode(new CompressedFrameDecoder(96, 64), file("jpeg_gray_96x64_q90.jpg"), PixelEncoding.MONO8);
        assertEquals(0, maxDiff(pil.littleEndianData(), Arrays.copyOf(mono, 96 * 64)), "ImageIO vs PIL levels");
    }

    @Test
    void pngDecodesLosslesslyToRgbRgbaAndMono16() throws IOException {
        CompressedFrameDecoder d = new CompressedFrameDecoder(40, 30);
        byte[] rgb = decode(d, file("png_rgb_40x30.png"), PixelEncoding.RGB8);
        assertArrayEquals(REFS.npy("png_rgb_40x30.decoded.npy").littleEndianData(), Arrays.copyOf(rgb, 40 * 30 * 3));
        byte[] rgba = decode(d, file("png_rgba_40x30.png"), PixelEncoding.RGBA8);
        assertArrayEquals(REFS.npy("png_rgba_40x30.decoded.npy").littleEndianData(), Arrays.copyOf(rgba, 40 * 30 * 4));
        byte[] depth = decode(d, file("png_depth16_40x30.png"), PixelEncoding.MONO16);
        assertArrayEquals(REFS.npy("depth_40x30.npy").littleEndianData(), Arrays.copyOf(depth, 40 * 30 * 2), "16-bit depth survives PNG");
    }

    @Test
    void dataThatIsNeitherJpegNorPngIsUnsupported() {
        byte[] text = "not an image at all".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals(IngestStatus.UNSUPPORTED_ENCODING, new CompressedFrameDecoder(8, 8).decode(text, 0, text.length));
    }

    @Test
    void aJpegOfAnotherSizeIsRejectedAsWrongSize() throws IOException {
        byte[] jpeg = file("jpeg_96x64_q90.jpg");
        assertEquals(IngestStatus.WRONG_SIZE, new CompressedFrameDecoder(64, 96).decode(jpeg, 0, jpeg.length));
    }

    @Test
    void damagedJpegAndPngAreCorrupt() throws IOException {
        byte[] jpeg = file("jpeg_96x64_q90.jpg");
        byte[] garbled = jpeg.clone();
        for (int i = garbled.length / 3; i < garbled.length - 2; i++) {
            garbled[i] = (byte) (i * 31);
        }
        CompressedFrameDecoder d = new CompressedFrameDecoder(96, 64);
        assertEquals(IngestStatus.CORRUPT_IMAGE, d.decode(garbled, 0, garbled.length));
        for (int cut : new int[] {10, 200, jpeg.length / 2, jpeg.length - 3}) {
            assertEquals(IngestStatus.CORRUPT_IMAGE, d.decode(jpeg, 0, cut), "JPEG cut at " + cut + " of " + jpeg.length);
        }
        byte[] png = file("png_rgb_40x30.png");
        CompressedFrameDecoder p = new CompressedFrameDecoder(40, 30);
        // cuts inside the header and inside the image data (a PNG missing only its IEND trailer still holds every pixel)
        for (int cut : new int[] {20, png.length / 2, png.length - 40}) {
            assertEquals(IngestStatus.CORRUPT_IMAGE, p.decode(png, 0, cut), "PNG cut at " + cut + " of " + png.length);
        }
        // a good image still decodes afterwards
        assertEquals(IngestStatus.ACCEPTED, d.decode(jpeg, 0, jpeg.length));
    }
}
