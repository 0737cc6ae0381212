package io.chunkrt.policy.sampling;

/**
 * Noise recorded elsewhere (a PyTorch reference, {@code chunkrt infer --noise}), handed out row by row in the
 * order docs/policy-card.md gives: the initial sample, then one row per step that draws noise.
 */
public final class RecordedNoise implements NoiseSource {
    private final float[] rows;
    private int position;

    public RecordedNoise(float[] rows) {
        this.rows = rows.clone();
    }

    /** Starts again from the first row, for a new sampling run. */
    public void rewind() {
        position = 0;
    }

    @Override
    public void fill(float[] out) {
        if (position + out.length > rows.length) {
            throw new IllegalStateException("recorded noise has " + rows.length / out.length + " rows of " + out.length
                    + " values but the sampler asked for row " + (position / out.length + 1)
                    + "; give 1 + num_inference_steps rows for DDPM (or DDIM with eta > 0) and 1 row otherwise");
        }
        System.arraycopy(rows, position, out, 0, out.length);
        position += out.length;
    }
}
