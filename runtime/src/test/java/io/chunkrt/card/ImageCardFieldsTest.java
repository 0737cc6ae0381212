package io.chunkrt.card;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.chunkrt.testing.TestPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageCardFieldsTest {
    @TempDir
    Path dir;

    private PolicyCard load(String imageFields) throws IOException {
        String yaml = """
                name: t
                kind: chunk
                model: {file: m.onnx, sha256: "%s"}
                inputs:
                  - name: cam
                    feature: cam
                    type: image
                    camera: top
                    image:
                %s
                output: {name: action, joints: [a], horizon: 1}
                """.formatted("0".repeat(64), imageFields.indent(6).stripTrailing());
        Path card = dir.resolve("card.yaml");
        Files.writeString(card, yaml);
        return CardLoader.load(card, false);
    }

    @Test
    void existingCardsLoadWithoutCropInRgbOrder() {
        PolicyCard card = CardLoader.load(TestPaths.models().resolve("act_like/card.yaml"));
        ImageSpec image = card.input("observation.images.top").image();
        assertNull(image.crop());
        assertEquals(ChannelOrder.RGB, image.channelOrder());
        assertEquals(ResizeMode.BILINEAR, image.resize());
    }

    @Test
    void cropWithoutOffsetsIsCenteredAndWithOffsetsIsFixed() throws IOException {
        ImageSpec centered = load("channels: 3\nheight: 84\nwidth: 84\nresize: none\ncrop: {height: 84, width: 84}").inputs().get(0).image();
        assertTrue(centered.crop().centered());
        assertEquals(ImageCrop.center(84, 84), centered.crop());
        ImageSpec fixed = load("channels: 3\nheight: 96\nwidth: 96\ncrop: {height: 200, width: 300, top: 10, left: 20}").inputs().get(0).image();
        assertEquals(ImageCrop.at(10, 20, 200, 300), fixed.crop());
    }

    @Test
    void channelOrderAndCenteredLetterboxAreRead() throws IOException {
        ImageSpec image = load("channels: 3\nheight: 224\nwidth: 224\nresize: letterbox_center\nscale: symmetric\nchannel_order: bgr").inputs().get(0).image();
        assertEquals(ResizeMode.LETTERBOX_CENTER, image.resize());
        assertEquals(ChannelOrder.BGR, image.channelOrder());
        assertEquals(PixelScale.SYMMETRIC, image.scale());
    }

    @Test
    void aCropWithOnlyOneOffsetIsRefusedNamingTheMissingOne() {
        CardException e = assertThrows(CardException.class, () -> load("channels: 3\nheight: 8\nwidth: 8\ncrop: {height: 8, width: 8, top: 3}"));
        assertEquals("card card.yaml: inputs[0].image.crop.left is missing; give both top and left for a fixed crop, or neither for a centered one", e.getMessage());
    }

    @Test
    void unknownResizeModeListsTheValidOnes() {
        CardException e = assertThrows(CardException.class, () -> load("channels: 3\nheight: 8\nwidth: 8\nresize: lanczos"));
        assertEquals("card card.yaml: inputs[0].image.resize is 'lanczos'; expected one of bilinear, area, letterbox, letterbox_center, none", e.getMessage());
    }

    @Test
    void channelOrderOnAMonoImageIsRefused() {
        CardException e = assertThrows(CardException.class, () -> load("channels: 1\nheight: 8\nwidth: 8\nchannel_order: bgr"));
        assertTrue(e.getMessage().contains("image.channel_order is set on a 1-channel image"), e.getMessage());
    }

    @Test
    void centerCropFollowsTorchvisionRoundingHalfToEven() {
        // torchvision: int(round((480 - 84) / 2.0)) = 198; int(round((5 - 2) / 2.0)) = round(1.5) = 2; round(2.5) = 2
        assertEquals(198, ImageCrop.center(84, 84).topIn(480));
        assertEquals(2, ImageCrop.center(2, 2).topIn(5));
        assertEquals(2, ImageCrop.center(2, 2).leftIn(7));
    }
}
