package io.chunkrt.chunking;

/** A preallocated FIFO of action vectors, indexed from its head; the executors' queue. */
final class ActionRing {
    private final double[] data;
    private final int dim;
    private final int capacity;
    private int head;
    private int size;

    ActionRing(int capacity, int dim) {
        this.capacity = capacity;
        this.dim = dim;
        this.data = new double[capacity * dim];
    }

    int size() {
        return size;
    }

    void clear() {
        head = 0;
        size = 0;
    }

    void push(float[] chunk, int row) {
        if (size == capacity) {
            throw new IllegalStateException("action ring of " + capacity + " is full");
        }
        int slot = ((head + size) % capacity) * dim;
        int src = row * dim;
        for (int j = 0; j < dim; j++) {
            data[slot + j] = chunk[src + j];
        }
        size++;
    }

    /** Appends row {@code row} of a [rows, dim] array. */
    void pushRow(double[] rows, int row) {
        if (size == capacity) {
            throw new IllegalStateException("action ring of " + capacity + " is full");
        }
        int slot = ((head + size) % capacity) * dim;
        System.arraycopy(rows, row * dim, data, slot, dim);
        size++;
    }

    /** Copies element {@code index} (0 = head) into out. */
    void get(int index, double[] out) {
        int slot = ((head + index) % capacity) * dim;
        System.arraycopy(data, slot, out, 0, dim);
    }

    double get(int index, int joint) {
        return data[((head + index) % capacity) * dim + joint];
    }

    void pop(double[] out) {
        System.arraycopy(data, head * dim, out, 0, dim);
        head = (head + 1) % capacity;
        size--;
    }
}
