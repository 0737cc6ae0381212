package io.chunkrt.replay.report;

/** Lets tests in other packages check a rendered report's SVG. */
public final class HtmlReportTestAccess {
    private HtmlReportTestAccess() {}

    public static void assertWellFormedSvgs(String html) throws Exception {
        HtmlReportTest.assertWellFormedSvgs(html);
    }
}
