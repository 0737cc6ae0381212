package io.chunkrt.fusion;

import static io.chunkrt.fusion.FusionRig.MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chunkrt.card.ImageCrop;
import io.chunkrt.card.ImageSpec;
import io.chunkrt.card.InputSpec;
import io.chunkrt.card.PixelScale;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.card.ResizeMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Card/stream mismatches are refused at start-up with one line naming the input, the value and the fix. */
class FrameAssemblerSetupTest {
    private static ObservationStreams.Builder base() {
        return ObservationStreams.builder()
                .jointStates("left", List.of("j0", "j1"), StreamSettings.of(8, 50 * MS))
                .camera("top", FusionRig.CAM_W, FusionRig.CAM_H, StreamSettings.of(4, 100 * MS));
    }

    @Test
    void aJointNoStreamProvidesIsNamedWithTheStreamsJoints() {
        PolicyCard card = FusionRig.card(1, List.of("j0", "elbow"), "top");
        var e = assertThrows(FusionConfigException.class, () -> new FrameAssembler(card, base().build(), AlignmentMode.ALIGNED));
        assertEquals("card fusion_test.yaml input 'observation.state' needs 'elbow', which no stream provides (state streams: left: [j0, j1]); "
                + "add it to a joint-state or scalar stream, or fix the card's joints", e.getMessage());
    }

    @Test
    void anUnknownCameraListsTheRegisteredOnes() {
        PolicyCard card = FusionRig.card(1, List.of("j0"), "wrist");
        var e = assertThrows(FusionConfigException.class, () -> new FrameAssembler(card, base().build(), AlignmentMode.ALIGNED));
        assertEquals("card fusion_test.yaml input 'observation.images.wrist' reads camera 'wrist', which is not registered (cameras: [top]); "
                + "register it or fix the card's camera", e.getMessage());
    }

    @Test
    void aRingTooShallowForTheHistoryIsRefused() {
        PolicyCard card = FusionRig.card(4, List.of("j0"), "top");
        var e = assertThrows(FusionConfigException.class, () -> new FrameAssembler(card, base().build(), AlignmentMode.ALIGNED, 100 * MS));
        assertEquals("stream 'top' keeps 4 samples but card fusion_test.yaml stacks 4 observation steps, which pin up to 4 slots while the producer "
                + "needs one more; set its depth to at least 5 (and enough to span 3 step periods at the stream's rate)", e.getMessage());
    }

    @Test
    void aCropOutsideTheCameraFrameNamesTheInputAndCamera() {
        PolicyCard plain = FusionRig.card(1, List.of("j0"), "top");
        List<InputSpec> inputs = new ArrayList<>(plain.inputs());
        InputSpec img = inputs.get(1);
        inputs.set(1, new InputSpec(img.name(), img.feature(), img.type(), img.joints(), img.camera(), 1, img.normalization(),
                new ImageSpec(3, 4, 4, ResizeMode.BILINEAR, PixelScale.UNIT, ImageCrop.at(4, 6, 4, 4), io.chunkrt.card.ChannelOrder.RGB)));
        PolicyCard card = new PolicyCard(plain.source(), plain.name(), plain.kind(), plain.model(), inputs, plain.output(), plain.normalization(),
                plain.stats(), plain.rates(), plain.execution(), null, null);
        var e = assertThrows(FusionConfigException.class, () -> new FrameAssembler(card, base().build(), AlignmentMode.ALIGNED));
        assertEquals("card fusion_test.yaml input 'observation.images.top' (camera 'top', 8x6): crop 4x4 at top 4, left 6 does not fit in the 6x8 "
                + "(height x width) camera frame; make the crop smaller or move it inside the frame", e.getMessage());
    }

    @Test
    void aJointClaimedByTwoStreamsIsRefused() {
        var e = assertThrows(FusionConfigException.class, () -> base().scalars("gripper", List.of("j1"), StreamSettings.of(8, 50 * MS)));
        assertEquals("element 'j1' is provided by both stream 'left' and stream 'gripper'; each state element must come from one stream, remove it from one of them",
                e.getMessage());
    }

    @Test
    void aStreamOfTheWrongKindIsNamed() {
        var e = assertThrows(FusionConfigException.class, () -> base().build().camera("left"));
        assertEquals("stream 'left' is a joint-state stream, not a camera stream", e.getMessage());
    }
}
