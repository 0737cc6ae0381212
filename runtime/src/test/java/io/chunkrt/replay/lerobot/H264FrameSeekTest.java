package io.chunkrt.replay.lerobot;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * H.264 decodes through the same reader: a 2 s clip that ffmpeg encodes here (libx264, keyframe every 12 frames)
 * gives, when seeked to frame k, exactly the frame k of a decode from the start.
 */
class H264FrameSeekTest {
    @TempDir
    Path tmp;

    @Test
    void seekingToAFrameGivesTheSameBytesAsDecodingUpToIt() throws Exception {
        boolean ffmpeg = Arrays.stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, "ffmpeg")));
        assumeTrue(ffmpeg, "ffmpeg is not installed (apt-get install ffmpeg); H.264 test skipped");
        Path clip = tmp.resolve("clip.mp4");
        Process p = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-nostdin", "-f", "lavfi", "-i",
                "testsrc2=size=160x96:rate=30:duration=2", "-c:v", "libx264", "-g", "12", "-bf", "2", "-pix_fmt", "yuv420p",
                clip.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertEquals(true, p.waitFor(60, TimeUnit.SECONDS));
        assumeTrue(p.exitValue() == 0, "this ffmpeg cannot encode H.264 (libx264): " + log);
        int w = 160;
        int h = 96;
        byte[][] all = new byte[60][w * h * 3];
        try (VideoFrameReader r = VideoFrameReader.open(clip, w, h, 30, 0, 0, 60)) {
            for (int i = 0; i < 60; i++) {
                assertEquals(true, r.next(all[i]), "frame " + i);
            }
            assertFalse(r.next(new byte[w * h * 3]));
        }
        for (int k : new int[] {0, 1, 13, 25, 47, 59}) {
            byte[] one = new byte[w * h * 3];
            try (VideoFrameReader r = VideoFrameReader.open(clip, w, h, 30, 0, k, 1)) {
                assertEquals(true, r.next(one));
            }
            assertArrayEquals(all[k], one, "frame " + k);
        }
    }
}
