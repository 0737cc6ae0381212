package io.chunkrt.replay.lerobot;

import io.chunkrt.replay.RecordingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Decodes video frames to packed RGB24 through the ffmpeg command-line tool (Debian's ffmpeg 5.1 decodes AV1 with
 * libdav1d and H.264 with its native decoder), streaming rawvideo through a pipe: one frame of width*height*3 bytes
 * at a time into a buffer the caller owns. Seeks to a frame by time, half a frame early, so the first frame out is
 * exactly the one asked for.
 */
public final class VideoFrameReader implements AutoCloseable {
    private final Path file;
    private final int width;
    private final int height;
    private final Process process;
    private final InputStream frames;
    private final Path stderr;
    private int framesRead;
    private final int framesWanted;

    private VideoFrameReader(Path file, int width, int height, Process process, Path stderr, int framesWanted) {
        this.file = file;
        this.width = width;
        this.height = height;
        this.process = process;
        this.frames = process.getInputStream();
        this.stderr = stderr;
        this.framesWanted = framesWanted;
    }

    /**
     * Starts decoding {@code count} frames of {@code file} from frame {@code firstFrame} (counted at {@code fps} from
     * {@code offsetS}, the episode's start in a file that holds several episodes).
     */
    public static VideoFrameReader open(Path file, int width, int height, double fps, double offsetS, int firstFrame, int count) {
        if (!Files.isRegularFile(file)) {
            throw new RecordingException("video file '" + file + "' is missing; the dataset's videos/ folder is incomplete"
                    + " (download the dataset again with its videos)");
        }
        if (width <= 0 || height <= 0 || count <= 0) {
            throw new IllegalArgumentException("video " + file + ": " + width + "x" + height + ", " + count + " frames");
        }
        double startS = Math.max(0, offsetS + (firstFrame - 0.5) / fps);
        List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-nostdin", "-loglevel", "error"));
        if (startS > 0) {
            cmd.addAll(List.of("-ss", String.format(Locale.ROOT, "%.6f", startS)));
        }
        cmd.addAll(List.of("-i", file.toString(), "-map", "0:v:0", "-frames:v", Integer.toString(count), "-fps_mode", "passthrough",
                "-f", "rawvideo", "-pix_fmt", "rgb24", "-"));
        try {
            Path err = Files.createTempFile("chunkrt-ffmpeg", ".log");
            Process p = new ProcessBuilder(cmd).redirectError(err.toFile()).start();
            p.getOutputStream().close();
            return new VideoFrameReader(file, width, height, p, err, count);
        } catch (IOException e) {
            throw new RecordingException("cannot run ffmpeg to decode '" + file + "': " + e.getMessage()
                    + "; install it (apt-get install ffmpeg)", e);
        }
    }

    public int frameBytes() {
        return width * height * 3;
    }

    /** Reads the next frame into {@code rgbOut} (frameBytes long); false when the requested frames are done. */
    public boolean next(byte[] rgbOut) {
        if (rgbOut.length < frameBytes()) {
            throw new IllegalArgumentException("frame buffer of " + rgbOut.length + " bytes is smaller than " + frameBytes());
        }
        if (framesRead == framesWanted) {
            return false;
        }
        try {
            int n = frames.readNBytes(rgbOut, 0, frameBytes());
            if (n < frameBytes()) {
                throw new RecordingException("video file '" + file + "' gave " + framesRead + " of " + framesWanted
                        + " frames (" + width + "x" + height + ") before it ended" + ffmpegSays());
            }
        } catch (IOException e) {
            throw new RecordingException("cannot read decoded frames of '" + file + "': " + e.getMessage(), e);
        }
        framesRead++;
        return true;
    }

    private String ffmpegSays() {
        try {
            process.waitFor();
            String log = Files.readString(stderr, StandardCharsets.UTF_8).strip();
            return log.isEmpty() ? "" : "; ffmpeg: " + log.lines().findFirst().orElse("");
        } catch (IOException | InterruptedException e) {
            return "";
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
            Files.deleteIfExists(stderr);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException ignored) {
            // a temp log left behind is harmless
        }
    }
}
