package io.chunkrt.replay.report;

import java.util.Locale;

/**
 * One inline SVG time plot: a commanded and a recorded series over the same time axis, chunk boundaries marked.
 * Long series are decimated to the minimum and maximum per pixel column, so every peak stays visible and the SVG
 * stays small.
 */
final class SeriesPlot {
    static final int WIDTH = 920;
    static final int HEIGHT = 170;
    /** Up to this many chunk boundaries are drawn as lines across the plot; more as marks under it. */
    static final int FEW_BOUNDARIES = 80;
    private static final int LEFT = 62;
    private static final int RIGHT = 12;
    private static final int TOP = 10;
    private static final int BOTTOM = 26;

    private final double t0;
    private final double t1;
    private final double y0;
    private final double y1;

    SeriesPlot(double t0S, double t1S, double yMin, double yMax) {
        this.t0 = t0S;
        this.t1 = t1S > t0S ? t1S : t0S + 1;
        double pad = (yMax - yMin) * 0.06;
        if (!(pad > 0)) {
            pad = Math.max(1e-3, Math.abs(yMax) * 0.05);
        }
        this.y0 = yMin - pad;
        this.y1 = yMax + pad;
    }

    double x(double tS) {
        return LEFT + (tS - t0) / (t1 - t0) * (WIDTH - LEFT - RIGHT);
    }

    double y(double v) {
        return TOP + (y1 - v) / (y1 - y0) * (HEIGHT - TOP - BOTTOM);
    }

    static String f(double v) {
        return String.format(Locale.ROOT, "%.1f", v);
    }

    /** The frame: axes, grid, tick labels. */
    void frame(StringBuilder svg, String unit) {
        int plotBottom = HEIGHT - BOTTOM;
        svg.append("<rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(WIDTH - LEFT - RIGHT)
                .append("\" height=\"").append(plotBottom - TOP).append("\" class=\"plotarea\"/>\n");
        double tStep = niceStep((t1 - t0) / 8);
        for (double t = Math.ceil(t0 / tStep) * tStep; t <= t1 + 1e-9; t += tStep) {
            String xs = f(x(t));
            svg.append("<line x1=\"").append(xs).append("\" x2=\"").append(xs).append("\" y1=\"").append(TOP).append("\" y2=\"").append(plotBottom)
                    .append("\" class=\"grid\"/><text x=\"").append(xs).append("\" y=\"").append(HEIGHT - 8).append("\" class=\"tick\">")
                    .append(label(t - t0, tStep)).append("</text>\n");
        }
        double vStep = niceStep((y1 - y0) / 4);
        for (double v = Math.ceil(y0 / vStep) * vStep; v <= y1 + 1e-12; v += vStep) {
            String ys = f(y(v));
            svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(WIDTH - RIGHT).append("\" y1=\"").append(ys).append("\" y2=\"")
                    .append(ys).append("\" class=\"grid\"/><text x=\"").append(LEFT - 6).append("\" y=\"").append(f(y(v) + 4))
                    .append("\" class=\"ytick\">").append(label(v, vStep)).append("</text>\n");
        }
        svg.append("<text x=\"").append(WIDTH - RIGHT).append("\" y=\"").append(HEIGHT - 8).append("\" class=\"unit\">s</text>");
        svg.append("<text x=\"4\" y=\"").append(TOP + 10).append("\" class=\"unit\">").append(unit).append("</text>\n");
    }

    static double niceStep(double raw) {
        if (!(raw > 0)) {
            return 1;
        }
        double p = Math.pow(10, Math.floor(Math.log10(raw)));
        double m = raw / p;
        return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;
    }

    static String label(double v, double step) {
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step) + 1e-9));
        return String.format(Locale.ROOT, "%." + decimals + "f", Math.abs(v) < step * 1e-6 ? 0.0 : v);
    }

    /** A polyline through (timesS[i], values[i]), NaN values break the line; decimated per pixel column. */
    void series(StringBuilder svg, double[] timesS, double[] values, int n, String cssClass) {
        StringBuilder points = new StringBuilder();
        int column = Integer.MIN_VALUE;
        double lo = 0;
        double hi = 0;
        double loT = 0;
        double hiT = 0;
        boolean open = false;
        for (int i = 0; i <= n; i++) {
            boolean end = i == n;
            double v = end ? Double.NaN : values[i];
            int c = end ? Integer.MAX_VALUE : (int) Math.floor(x(timesS[i]));
            if (open && (end || c != column || Double.isNaN(v))) {
                // flush the column: min and max in time order
                if (loT <= hiT) {
                    point(points, loT, lo);
                    if (hiT != loT) {
                        point(points, hiT, hi);
                    }
                } else {
                    point(points, hiT, hi);
                    point(points, loT, lo);
                }
                open = false;
            }
            if (end) {
                break;
            }
            if (Double.isNaN(v)) {
                if (!points.isEmpty()) {
                    polyline(svg, points, cssClass);
                    points.setLength(0);
                }
                continue;
            }
            if (!open) {
                column = c;
                lo = v;
                hi = v;
                loT = timesS[i];
                hiT = timesS[i];
                open = true;
            } else {
                if (v < lo) {
                    lo = v;
                    loT = timesS[i];
                }
                if (v > hi) {
                    hi = v;
                    hiT = timesS[i];
                }
            }
        }
        if (!points.isEmpty()) {
            polyline(svg, points, cssClass);
        }
    }

    private void point(StringBuilder points, double tS, double v) {
        points.append(f(x(tS))).append(',').append(f(y(v))).append(' ');
    }

    private static void polyline(StringBuilder svg, StringBuilder points, String cssClass) {
        svg.append("<polyline class=\"").append(cssClass).append("\" points=\"").append(points.toString().trim()).append("\"/>\n");
    }

    /**
     * Chunk boundaries: a faint full-height line at each when there are few, a short mark under the plot at each
     * pixel column that has one when there are many (with ensembling every tick is a boundary).
     */
    void boundaries(StringBuilder svg, double[] timesS, int n) {
        int plotBottom = HEIGHT - BOTTOM;
        boolean few = n <= FEW_BOUNDARIES;
        int lastColumn = Integer.MIN_VALUE;
        StringBuilder path = new StringBuilder();
        for (int i = 0; i < n; i++) {
            double xv = x(timesS[i]);
            int c = (int) Math.floor(xv);
            if (c == lastColumn) {
                continue;
            }
            lastColumn = c;
            if (few) {
                path.append('M').append(f(xv)).append(' ').append(TOP).append('V').append(plotBottom);
            } else {
                path.append('M').append(f(xv)).append(' ').append(plotBottom).append('v').append(-5);
            }
        }
        if (!path.isEmpty()) {
            svg.append("<path class=\"").append(few ? "seam" : "seammark").append("\" d=\"").append(path).append("\"/>\n");
        }
    }
}
