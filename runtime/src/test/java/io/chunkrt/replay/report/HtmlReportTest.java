package io.chunkrt.replay.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/** The report's plots are well-formed SVG, and a long series is decimated without losing its peaks. */
class HtmlReportTest {
    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    @Test
    void aLongSeriesKeepsEveryColumnsMinimumAndMaximum() throws Exception {
        int n = 100_000;
        double[] t = new double[n];
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = i * 1e-3;
            v[i] = Math.sin(i * 0.01);
        }
        v[54_321] = 3.0; // one spike
        SeriesPlot p = new SeriesPlot(0, t[n - 1], -1, 3);
        StringBuilder svg = new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\">");
        p.frame(svg, "rad");
        p.series(svg, t, v, n, "cmd");
        double[] seams = {1, 2, 3};
        p.boundaries(svg, seams, seams.length);
        svg.append("</svg>");
        Document d = parse(svg.toString());
        NodeList lines = d.getElementsByTagName("polyline");
        assertEquals(1, lines.getLength());
        String[] points = ((Element) lines.item(0)).getAttribute("points").split(" ");
        assertTrue(points.length <= 2 * SeriesPlot.WIDTH, "at most two points per pixel column: " + points.length);
        String spike = SeriesPlot.f(p.y(3.0));
        assertTrue(((Element) lines.item(0)).getAttribute("points").contains("," + spike), "the spike survives decimation");
        assertEquals(1, d.getElementsByTagName("path").getLength(), "chunk boundaries");
    }

    @Test
    void tickLabelsUseNiceSteps() {
        assertEquals(0.5, SeriesPlot.niceStep(0.37), 1e-12);
        assertEquals(2.0, SeriesPlot.niceStep(1.3), 1e-12);
        assertEquals(0.001, SeriesPlot.niceStep(0.0009), 1e-15);
        assertEquals("0.25", SeriesPlot.label(0.25, 0.05).substring(0, 4));
        assertEquals("12", SeriesPlot.label(12.0, 2));
        assertEquals(String.format(Locale.ROOT, "%.3f", 0.0), SeriesPlot.label(-1e-12, 0.001));
    }

    /** Every svg element of a rendered report parses as XML (checked from ReplayReportFilesTest's report). */
    static void assertWellFormedSvgs(String html) throws Exception {
        Matcher m = Pattern.compile("<svg .*?</svg>", Pattern.DOTALL).matcher(html);
        int count = 0;
        while (m.find()) {
            parse(m.group());
            count++;
        }
        assertTrue(count > 0, "the report holds SVG plots");
    }
}
