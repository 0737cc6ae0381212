package io.chunkrt.policy;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.chunkrt.card.CardException;
import io.chunkrt.card.PolicyCard;
import io.chunkrt.card.TestCards;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CardSignatureCheckTest {
    private static Map<String, TensorSignature> sigs(TensorSignature... s) {
        Map<String, TensorSignature> m = new LinkedHashMap<>();
        for (TensorSignature t : s) {
            m.put(t.name(), t);
        }
        return m;
    }

    private static TensorSignature f32(String name, long... shape) {
        return new TensorSignature(name, ElementType.FLOAT32, shape);
    }

    private final PolicyCard card = TestCards.stateActor(12, 6, 1);

    @Test
    void acceptsMatchingSignatureWithDynamicBatch() {
        assertDoesNotThrow(() -> CardSignatureCheck.check(card, sigs(f32("observation.state", -1, 12)), sigs(f32("action", -1, 6))));
    }

    @Test
    void misspelledInputNameListsTheModelsInputs() {
        var e = assertThrows(CardException.class, () -> CardSignatureCheck.check(card, sigs(f32("obs", 1, 12)), sigs(f32("action", 1, 6))));
        assertEquals("card actor.yaml: inputs[0].name 'observation.state' is not an input of actor.onnx; its inputs are [obs]; "
                + "fix inputs[0].name in actor.yaml", e.getMessage());
    }

    @Test
    void stateWidthMismatchSaysHowManyJointsToList() {
        var e = assertThrows(CardException.class, () -> CardSignatureCheck.check(card, sigs(f32("observation.state", 1, 14)), sigs(f32("action", 1, 6))));
        assertEquals("card actor.yaml: inputs[0] 'observation.state' has shape [1,14] in actor.onnx but the card gives [1,12] "
                + "(12 joints, history 1); list 14 joints under inputs[0].joints", e.getMessage());
    }

    @Test
    void historyAxisInModelButNotInCardSaysSetHistory() {
        var e = assertThrows(CardException.class, () -> CardSignatureCheck.check(card, sigs(f32("observation.state", 1, 2, 12)), sigs(f32("action", 1, 6))));
        assertEquals("card actor.yaml: inputs[0] 'observation.state' has shape [1,2,12] in actor.onnx but the card gives [1,12] "
                + "(12 joints, history 1); the model stacks 2 observation steps: set inputs[0].history", e.getMessage());
    }

    @Test
    void outputChunkMismatchSaysHorizonAndJoints() {
        var e = assertThrows(CardException.class, () -> CardSignatureCheck.check(card, sigs(f32("observation.state", 1, 12)), sigs(f32("action", 1, 50, 7))));
        assertEquals("card actor.yaml: output 'action' has shape [1,50,7] in actor.onnx but the card gives [1,6] (horizon 1, 6 joints); "
                + "set output.horizon to 50 and list 7 joints under output.joints", e.getMessage());
    }

    @Test
    void unfedModelInputIsNamed() {
        var e = assertThrows(CardException.class, () -> CardSignatureCheck.check(card,
                sigs(f32("observation.state", 1, 12), f32("observation.images.top", 1, 3, 96, 96)), sigs(f32("action", 1, 6))));
        assertEquals("card actor.yaml: input 'observation.images.top' of actor.onnx ([1,3,96,96]) is not fed by the card; "
                + "add it under inputs with name: observation.images.top", e.getMessage());
    }

    @Test
    void nonFloatInputIsRefused() {
        var e = assertThrows(CardException.class, () -> CardSignatureCheck.check(card,
                sigs(new TensorSignature("observation.state", ElementType.FLOAT64, new long[] {1, 12})), sigs(f32("action", 1, 6))));
        assertEquals("card actor.yaml: inputs[0] 'observation.state' is float64 in actor.onnx; ChunkRT feeds float32 tensors: "
                + "re-export the model with float32 inputs and outputs", e.getMessage());
    }
}
