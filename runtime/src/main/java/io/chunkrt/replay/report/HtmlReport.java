package io.chunkrt.replay.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.chunkrt.control.LoopCounter;
import io.chunkrt.replay.RecordingException;
import io.chunkrt.replay.engine.ActionLog;
import io.chunkrt.replay.engine.CommandLog;
import io.chunkrt.replay.engine.ReplayResult;
import io.chunkrt.replay.metrics.JointMetrics;
import io.chunkrt.replay.metrics.LatencySummary;
import io.chunkrt.replay.metrics.ReplayFiles;
import io.chunkrt.replay.metrics.ReplayMetrics;
import io.chunkrt.safety.SafetyFault;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The replay's self-contained HTML report: summary, per-joint plots of commanded against recorded positions with
 * the chunk boundaries marked (inline SVG), the inference latency histograms, the per-joint metrics and every
 * counter; the metrics JSON is embedded too. No scripts, styles or fonts are fetched.
 */
public final class HtmlReport {
    public static final String FILE = "report.html";

    private HtmlReport() {}

    public static Path write(Path dir, ReplayResult r, ReplayMetrics m, String commandsSha256) {
        Path file = dir.resolve(FILE);
        try {
            Files.createDirectories(dir);
            Files.writeString(file, render(r, m, commandsSha256), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RecordingException("cannot write the replay report '" + file + "': " + e.getMessage(), e);
        }
        return file;
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String g(double v) {
        if (!Double.isFinite(v)) {
            return "–";
        }
        double a = Math.abs(v);
        return a != 0 && (a < 1e-3 || a >= 1e5) ? String.format(Locale.ROOT, "%.3e", v) : String.format(Locale.ROOT, "%.4f", v);
    }

    private static String hz(long periodNs) {
        String s = String.format(Locale.ROOT, "%.6g", 1e9 / periodNs);
        return s.contains(".") ? s.replaceAll("\\.?0+$", "") : s;
    }

    private static String ms(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "–";
    }

    public static String render(ReplayResult r, ReplayMetrics m, String sha) {
        StringBuilder h = new StringBuilder(1 << 16);
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>ChunkRT replay: ").append(esc(r.cardName()))
                .append("</title>\n<style>\n").append(STYLE).append("</style></head><body>\n");
        h.append("<h1>Replay of ").append(esc(r.layout().description())).append("</h1>\n");
        h.append("<p class=\"sub\">card <b>").append(esc(r.cardName())).append("</b> · executor ")
                .append(r.settings().execution().executor().name().toLowerCase(Locale.ROOT)).append(" (n_action_steps ")
                .append(r.settings().execution().nActionSteps()).append(", ").append(r.settings().execution().interpolation().name().toLowerCase(Locale.ROOT))
                .append(" interpolation) · control ").append(hz(r.controlPeriodNs())).append(" Hz, actions ").append(hz(r.actionPeriodNs()))
                .append(" Hz · modelled latency ").append(ms(r.settings().latencyNs() / 1e6)).append(" ms · safety: ")
                .append(r.settings().safety() == null ? "open limits" : "given limits").append("</p>\n");
        for (String p : r.problems()) {
            h.append("<p class=\"problem\">Damaged recording, replayed up to the damage: ").append(esc(p)).append("</p>\n");
        }
        summary(h, r, m, sha);
        plots(h, r);
        latency(h, r, m);
        jointTable(h, m);
        counters(h, r);
        try {
            String json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(ReplayFiles.json(r, m, sha));
            h.append("<details><summary>metrics.json</summary><pre>").append(esc(json)).append("</pre></details>\n");
        } catch (IOException e) {
            throw new IllegalStateException("metrics do not serialize: " + e.getMessage(), e);
        }
        h.append("<p class=\"foot\">ChunkRT replay report · commands SHA-256 ").append(sha).append("</p>\n</body></html>\n");
        return h.toString();
    }

    private static void summary(StringBuilder h, ReplayResult r, ReplayMetrics m, String sha) {
        long chunks = r.loopCounters().getOrDefault(LoopCounter.CHUNKS_ACCEPTED, 0L);
        long interventions = 0;
        for (Map.Entry<SafetyFault, Long> e : r.safetyFaults().entrySet()) {
            interventions += e.getValue();
        }
        h.append("<div class=\"cards\">");
        card(h, "MAE", g(m.mae()), "mean over joints of |command − recorded action|");
        card(h, "RMSE", g(m.rmse()), "over every compared joint sample");
        card(h, "max |error|", g(m.maxAbsError()), m.compared() + " recorded actions compared");
        card(h, "largest step at a chunk boundary", g(m.largestSeamStep()), "inside chunks: " + g(m.largestInsideStep()));
        card(h, "inference p50 / p99 (wall)", ms(m.inferWall().p50Ms()) + " / " + ms(m.inferWall().p99Ms()) + " ms", m.inferWall().count() + " inferences");
        card(h, "replay speed", String.format(Locale.ROOT, "%.1f×", r.speedFactor()),
                String.format(Locale.ROOT, "%.2f s replayed in %.2f s", r.replayedNs() / 1e9, r.wallNs() / 1e9));
        card(h, "ticks / chunks", r.commands().count() + " / " + chunks, r.loopCounters().getOrDefault(LoopCounter.HOLD_TICKS, 0L) + " hold ticks");
        card(h, "safety interventions", Long.toString(interventions), "ticks, all faults together");
        h.append("</div>\n");
    }

    private static void card(StringBuilder h, String title, String value, String note) {
        h.append("<div class=\"card\"><div class=\"t\">").append(esc(title)).append("</div><div class=\"v\">").append(esc(value))
                .append("</div><div class=\"n\">").append(esc(note)).append("</div></div>");
    }

    private static void plots(StringBuilder h, ReplayResult r) {
        CommandLog c = r.commands();
        ActionLog a = r.actions();
        long origin = r.firstTickNs();
        double[] ct = new double[c.count()];
        for (int i = 0; i < ct.length; i++) {
            ct[i] = (c.timeNs(i) - origin) / 1e9;
        }
        double[] at = new double[a.count()];
        for (int i = 0; i < at.length; i++) {
            at[i] = (a.timeNs(i) - origin) / 1e9;
        }
        int seams = 0;
        for (int i = 1; i < c.count(); i++) {
            seams += c.has(i, CommandLog.CHUNK) ? 1 : 0;
        }
        double[] st = new double[seams];
        for (int i = 1, k = 0; i < c.count(); i++) {
            if (c.has(i, CommandLog.CHUNK)) {
                st[k++] = ct[i];
            }
        }
        h.append("<h2>Commanded vs recorded</h2>\n<p class=\"legend\"><span class=\"lc\"></span> commanded <span class=\"la\"></span> recorded action ")
                .append(seams <= SeriesPlot.FEW_BOUNDARIES ? "<span class=\"ls\"></span> chunk accepted" : "<span class=\"lm\"></span> chunk accepted (marks under the axis)")
                .append(" — time from the first command; joint units</p>\n");
        double t1 = ct.length == 0 ? 1 : ct[ct.length - 1];
        double[] cv = new double[c.count()];
        double[] av = new double[a.count()];
        for (int j = 0; j < c.joints().size(); j++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < cv.length; i++) {
                cv[i] = c.command(i, j);
                lo = Math.min(lo, cv[i]);
                hi = Math.max(hi, cv[i]);
            }
            for (int i = 0; i < av.length; i++) {
                av[i] = a.value(i, j);
                if (!Double.isNaN(av[i]) && at[i] >= 0 && at[i] <= t1) {
                    lo = Math.min(lo, av[i]);
                    hi = Math.max(hi, av[i]);
                }
            }
            if (!(lo <= hi)) {
                lo = -1;
                hi = 1;
            }
            SeriesPlot p = new SeriesPlot(0, t1, lo, hi);
            h.append("<figure><figcaption>").append(esc(c.joints().get(j))).append("</figcaption><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                    .append(SeriesPlot.WIDTH).append(' ').append(SeriesPlot.HEIGHT).append("\" width=\"").append(SeriesPlot.WIDTH).append("\" height=\"")
                    .append(SeriesPlot.HEIGHT).append("\">\n");
            p.frame(h, "");
            p.boundaries(h, st, st.length);
            int n = 0;
            for (int i = 0; i < av.length; i++) {
                if (at[i] >= 0 && at[i] <= t1) {
                    at[n] = at[i];
                    av[n] = av[i];
                    n++;
                }
            }
            p.series(h, at, av, n, "rec");
            p.series(h, ct, cv, cv.length, "cmd");
            h.append("</svg></figure>\n");
            for (int i = 0; i < at.length; i++) {
                at[i] = (a.timeNs(i) - origin) / 1e9;
            }
        }
    }

    private static void latency(StringBuilder h, ReplayResult r, ReplayMetrics m) {
        h.append("<h2>Inference latency</h2>\n<p>The replay's clock models the latency as ").append(ms(r.settings().latencyNs() / 1e6))
                .append(" ms (a chunk is usable from the first control tick at least that long after its request); the histograms show the wall time this")
                .append(" machine took.</p>\n<div class=\"hists\">");
        histogram(h, "policy inference (wall)", r.inferWallNs(), m.inferWall());
        histogram(h, "observation build, fusion (wall)", r.observationWallNs(), m.observationWall());
        h.append("</div>\n<table><tr><th></th><th>count</th><th>min</th><th>p50</th><th>p90</th><th>p99</th><th>max</th><th>mean</th></tr>\n");
        row(h, "modelled (replay clock)", m.modelledLatency());
        row(h, "policy inference (wall)", m.inferWall());
        row(h, "observation build (wall)", m.observationWall());
        h.append("</table><p class=\"note\">milliseconds</p>\n");
    }

    private static void row(StringBuilder h, String name, LatencySummary s) {
        h.append("<tr><td>").append(esc(name)).append("</td><td>").append(s.count()).append("</td><td>").append(ms(s.minMs())).append("</td><td>")
                .append(ms(s.p50Ms())).append("</td><td>").append(ms(s.p90Ms())).append("</td><td>").append(ms(s.p99Ms())).append("</td><td>")
                .append(ms(s.maxMs())).append("</td><td>").append(ms(s.meanMs())).append("</td></tr>\n");
    }

    /** 40 equal bins from the minimum to the 99.9th percentile; slower values go into the last bin (marked). */
    static void histogram(StringBuilder h, String title, Histogram hist, LatencySummary s) {
        int w = 440;
        int ht = 200;
        int left = 44;
        int bottom = 30;
        int top = 22;
        h.append("<figure><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(w).append(' ').append(ht).append("\" width=\"").append(w)
                .append("\" height=\"").append(ht).append("\">\n<text x=\"").append(left).append("\" y=\"14\" class=\"htitle\">").append(esc(title))
                .append("</text>\n");
        if (hist.getTotalCount() == 0) {
            h.append("<text x=\"").append(left).append("\" y=\"100\" class=\"tick\">no samples</text></svg></figure>");
            return;
        }
        int bins = 40;
        double lo = hist.getMinValue() / 1e6;
        double hiV = Math.max(hist.getValueAtPercentile(99.9) / 1e6, lo + 1e-3);
        double width = (hiV - lo) / bins;
        long[] counts = new long[bins];
        for (var v : hist.recordedValues()) {
            double x = hist.highestEquivalentValue(v.getValueIteratedTo()) / 1e6;
            int b = (int) Math.min(bins - 1, Math.max(0, Math.floor((x - lo) / width)));
            counts[b] += v.getCountAtValueIteratedTo();
        }
        long max = 1;
        for (long c : counts) {
            max = Math.max(max, c);
        }
        double plotW = w - left - 10;
        double plotH = ht - top - bottom;
        for (int b = 0; b < bins; b++) {
            double bh = plotH * counts[b] / max;
            h.append("<rect class=\"bar\" x=\"").append(SeriesPlot.f(left + b * plotW / bins)).append("\" y=\"")
                    .append(SeriesPlot.f(top + plotH - bh)).append("\" width=\"").append(SeriesPlot.f(plotW / bins - 1)).append("\" height=\"")
                    .append(SeriesPlot.f(bh)).append("\"/>\n");
        }
        double p50x = left + (s.p50Ms() - lo) / (hiV - lo) * plotW;
        h.append("<line class=\"p50\" x1=\"").append(SeriesPlot.f(p50x)).append("\" x2=\"").append(SeriesPlot.f(p50x)).append("\" y1=\"").append(top)
                .append("\" y2=\"").append(SeriesPlot.f(top + plotH)).append("\"/><text class=\"tick\" x=\"").append(SeriesPlot.f(p50x + 3))
                .append("\" y=\"").append(top + 10).append("\" style=\"text-anchor:start\">p50</text>\n");
        h.append("<line class=\"axis\" x1=\"").append(left).append("\" x2=\"").append(w - 10).append("\" y1=\"").append(SeriesPlot.f(top + plotH))
                .append("\" y2=\"").append(SeriesPlot.f(top + plotH)).append("\"/>\n");
        for (int k = 0; k <= 4; k++) {
            double v = lo + k * (hiV - lo) / 4;
            h.append("<text class=\"tick\" x=\"").append(SeriesPlot.f(left + k * plotW / 4)).append("\" y=\"").append(ht - 12)
                    .append(k == 4 ? "\" style=\"text-anchor:end\">" : "\">")
                    .append(String.format(Locale.ROOT, "%.3f", v)).append("</text>");
        }
        h.append("<text class=\"unit\" x=\"").append(w - 10).append("\" y=\"").append(ht - 1).append("\">ms</text>");
        h.append("<text class=\"ytick\" x=\"").append(left - 4).append("\" y=\"").append(top + 8).append("\">").append(max).append("</text>");
        h.append("<text class=\"ytick\" x=\"").append(left - 4).append("\" y=\"").append(SeriesPlot.f(top + plotH)).append("\">0</text>\n");
        h.append("</svg><figcaption class=\"note\">").append(s.count()).append(" samples; the last bin holds everything above p99.9 (max ")
                .append(ms(s.maxMs())).append(" ms)</figcaption></figure>");
    }

    private static void jointTable(StringBuilder h, ReplayMetrics m) {
        h.append("<h2>Per joint</h2>\n<table><tr><th>joint</th><th>compared</th><th>MAE</th><th>RMSE</th><th>max |error|</th><th>largest step</th>")
                .append("<th>largest step at a boundary</th><th>RMS jerk (/s³)</th><th>max |jerk| (/s³)</th></tr>\n");
        for (JointMetrics j : m.joints()) {
            h.append("<tr><td>").append(esc(j.joint())).append("</td><td>").append(j.samples()).append("</td><td>").append(g(j.mae())).append("</td><td>")
                    .append(g(j.rmse())).append("</td><td>").append(g(j.maxAbsError())).append("</td><td>").append(g(j.largestStep())).append("</td><td>")
                    .append(g(j.largestSeamStep())).append("</td><td>").append(g(j.rmsJerk())).append("</td><td>").append(g(j.maxAbsJerk()))
                    .append("</td></tr>\n");
        }
        h.append("</table>\n<p class=\"note\">Chunk boundaries: ").append(m.seamTicks()).append(" ticks accepted a chunk; mean largest-joint step there ")
                .append(g(m.meanSeamStep())).append(", elsewhere ").append(g(m.meanInsideStep())).append(".</p>\n");
    }

    private static void counters(StringBuilder h, ReplayResult r) {
        h.append("<h2>Counters</h2>\n<div class=\"cols\">");
        table(h, "safety interventions (ticks)", r.safetyFaults());
        table(h, "control loop", r.loopCounters());
        table(h, "observations not built", r.frameFaults());
        h.append("<table><tr><th colspan=\"2\">messages rejected or malformed</th></tr>");
        boolean any = false;
        for (var e : r.ingest().entrySet()) {
            for (var s : e.getValue().entrySet()) {
                h.append("<tr><td>").append(esc(e.getKey())).append(": ").append(s.getKey().name().toLowerCase(Locale.ROOT)).append("</td><td>")
                        .append(s.getValue()).append("</td></tr>");
                any = true;
            }
        }
        for (var e : r.malformed().entrySet()) {
            h.append("<tr><td>").append(esc(e.getKey())).append("</td><td>").append(e.getValue()).append("</td></tr>");
            any = true;
        }
        if (!any) {
            h.append("<tr><td>none</td><td></td></tr>");
        }
        h.append("</table></div>\n");
    }

    private static void table(StringBuilder h, String title, Map<? extends Enum<?>, Long> counts) {
        h.append("<table><tr><th colspan=\"2\">").append(esc(title)).append("</th></tr>");
        counts.entrySet().stream().sorted(Map.Entry.comparingByKey((x, y) -> Integer.compare(x.ordinal(), y.ordinal()))).forEach(e -> h.append("<tr")
                .append(e.getValue() > 0 ? "" : " class=\"zero\"").append("><td>").append(e.getKey().name().toLowerCase(Locale.ROOT)).append("</td><td>")
                .append(e.getValue()).append("</td></tr>"));
        h.append("</table>");
    }

    private static final String STYLE = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px auto;max-width:980px;color:#1d2330;background:#fff}
            h1{font-size:21px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #dde2ea;padding-bottom:4px}
            .sub{color:#555;margin:0 0 14px}.problem{background:#fff1f0;border:1px solid #f3b7b1;color:#8a1f11;padding:8px 10px;border-radius:4px}
            .cards{display:grid;grid-template-columns:repeat(4,1fr);gap:8px}.card{border:1px solid #dde2ea;border-radius:6px;padding:8px 10px}
            .card .t{color:#555;font-size:12px}.card .v{font-size:19px;font-weight:600;font-variant-numeric:tabular-nums}.card .n{color:#777;font-size:11px}
            figure{margin:6px 0 10px}figcaption{font-weight:600;font-size:13px;margin-left:62px}
            .plotarea{fill:#fbfcfe;stroke:#c9d0db}.grid{stroke:#e6e9ef;stroke-width:1}
            .tick{font-size:10px;fill:#555;text-anchor:middle}.ytick{font-size:10px;fill:#555;text-anchor:end}.unit{font-size:10px;fill:#777;text-anchor:end}
            .cmd{fill:none;stroke:#1f5fbf;stroke-width:1.2}.rec{fill:none;stroke:#f39c34;stroke-width:3.2;opacity:.75}
            .seam{stroke:#9aa5b5;stroke-width:0.6;opacity:.55}.seammark{stroke:#5b6678;stroke-width:0.8}
            .legend span{display:inline-block;width:22px;height:0;vertical-align:middle;margin:0 4px 0 10px}
            .lc{border-top:2px solid #1f5fbf}.la{border-top:4px solid #f39c34}.ls{border-top:2px solid #b8c0cc;width:2px!important;height:12px!important;border-left:1px solid #9aa5b5}
            .lm{border-left:1.5px solid #5b6678;height:8px!important;width:1px!important}
            .hists{display:flex;gap:16px;flex-wrap:wrap}.hists figure{width:440px}.hists figcaption{margin-left:0;font-weight:400}.bar{fill:#4b7bd1}.p50{stroke:#c0392b;stroke-width:1.2;stroke-dasharray:3 2}.axis{stroke:#888}
            .htitle{font-size:12px;font-weight:600;fill:#333}
            table{border-collapse:collapse;margin:6px 12px 6px 0;font-variant-numeric:tabular-nums}td,th{border:1px solid #dde2ea;padding:3px 8px;text-align:right;white-space:nowrap}
            td:first-child,th:first-child{text-align:left}th{background:#f3f5f9}.zero td{color:#aab}.cols{display:flex;flex-wrap:wrap;align-items:flex-start}
            .note{color:#666;font-size:12px}.foot{color:#888;font-size:11px;margin-top:24px}pre{font-size:11px;background:#f6f8fa;padding:8px;overflow:auto}
            """;
}
