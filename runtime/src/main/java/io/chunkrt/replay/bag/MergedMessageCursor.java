package io.chunkrt.replay.bag;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * A k-way merge of per-file cursors by log time (ties: the earlier file first), so a split bag iterates in
 * timestamp order. A binary heap of file indexes keyed by each file's current message; no allocation per message.
 */
final class MergedMessageCursor implements MessageCursor {
    private final MessageCursor[] files;
    private final int[] heap;
    private int heapSize;
    private MessageCursor current;
    private int currentIndex = -1;

    MergedMessageCursor(List<MessageCursor> files) {
        this.files = files.toArray(new MessageCursor[0]);
        this.heap = new int[this.files.length];
        for (int i = 0; i < this.files.length; i++) {
            if (this.files[i].next()) {
                push(i);
            }
        }
    }

    @Override
    public boolean next() {
        if (currentIndex >= 0 && files[currentIndex].next()) {
            push(currentIndex);
        }
        if (heapSize == 0) {
            current = null;
            currentIndex = -1;
            return false;
        }
        currentIndex = pop();
        current = files[currentIndex];
        return true;
    }

    private boolean before(int a, int b) {
        long ta = files[a].logTimeNs();
        long tb = files[b].logTimeNs();
        return ta < tb || (ta == tb && a < b);
    }

    private void push(int file) {
        int i = heapSize++;
        heap[i] = file;
        while (i > 0) {
            int parent = (i - 1) / 2;
            if (!before(heap[i], heap[parent])) {
                break;
            }
            int t = heap[i];
            heap[i] = heap[parent];
            heap[parent] = t;
            i = parent;
        }
    }

    private int pop() {
        int top = heap[0];
        heap[0] = heap[--heapSize];
        int i = 0;
        while (true) {
            int l = 2 * i + 1;
            int r = l + 1;
            int m = i;
            if (l < heapSize && before(heap[l], heap[m])) {
                m = l;
            }
            if (r < heapSize && before(heap[r], heap[m])) {
                m = r;
            }
            if (m == i) {
                return top;
            }
            int t = heap[i];
            heap[i] = heap[m];
            heap[m] = t;
            i = m;
        }
    }

    @Override
    public BagTopic topic() {
        return current.topic();
    }

    @Override
    public long logTimeNs() {
        return current.logTimeNs();
    }

    @Override
    public long publishTimeNs() {
        return current.publishTimeNs();
    }

    @Override
    public ByteBuffer payload() {
        return current.payload();
    }

    @Override
    public List<String> problems() {
        List<String> all = new ArrayList<>();
        for (MessageCursor f : files) {
            all.addAll(f.problems());
        }
        return all;
    }

    @Override
    public void close() {
        for (MessageCursor f : files) {
            f.close();
        }
    }
}
