package dev.convgeom.benchmarks.scaling;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A small SVG line chart with several panels side by side, written by hand: linear axes from 0,
 * "nice" ticks, one or more series per panel, a legend. Enough for the scaling plot, nothing more.
 */
final class SvgPlot {

    /** One line of points. */
    record Series(String name, String color, double[] x, double[] y, boolean dashed) {
    }

    /** One chart. */
    record Panel(String title, String xLabel, String yLabel, List<Series> series) {
    }

    private static final int PANEL_WIDTH = 420;
    private static final int PANEL_HEIGHT = 330;
    private static final int LEFT = 70;
    private static final int RIGHT = 20;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;

    private SvgPlot() {
    }

    static String render(String title, String subtitle, List<Panel> panels) {
        int width = PANEL_WIDTH * panels.size();
        int height = PANEL_HEIGHT + 60;
        StringBuilder s = new StringBuilder();
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n");
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(s, width / 2.0, 22, title, "middle", 16, "bold");
        text(s, width / 2.0, 42, subtitle, "middle", 11, "normal");
        for (int i = 0; i < panels.size(); i++) {
            panel(s, panels.get(i), i * PANEL_WIDTH, 50);
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static void panel(StringBuilder s, Panel p, double ox, double oy) {
        double x0 = ox + LEFT;
        double x1 = ox + PANEL_WIDTH - RIGHT;
        double y0 = oy + PANEL_HEIGHT - BOTTOM;
        double y1 = oy + TOP;
        double xMax = 0;
        double yMax = 0;
        for (Series series : p.series()) {
            for (double v : series.x()) {
                xMax = Math.max(xMax, v);
            }
            for (double v : series.y()) {
                yMax = Math.max(yMax, v);
            }
        }
        double[] xTicks = ticks(xMax);
        double[] yTicks = ticks(yMax);
        double xTop = xTicks[xTicks.length - 1];
        double yTop = yTicks[yTicks.length - 1];
        text(s, (x0 + x1) / 2, oy + 20, p.title(), "middle", 13, "bold");
        for (double t : yTicks) {
            double y = y0 - (y0 - y1) * t / yTop;
            line(s, x0, y, x1, y, "#e4e4e4", false);
            text(s, x0 - 6, y + 4, number(t), "end", 11, "normal");
        }
        for (double t : xTicks) {
            double x = x0 + (x1 - x0) * t / xTop;
            line(s, x, y0, x, y0 + 5, "#333", false);
            text(s, x, y0 + 18, number(t), "middle", 11, "normal");
        }
        line(s, x0, y0, x1, y0, "#333", false);
        line(s, x0, y0, x0, y1, "#333", false);
        text(s, (x0 + x1) / 2, y0 + 38, p.xLabel(), "middle", 12, "normal");
        s.append(String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"middle\" font-size=\"12\" "
                        + "transform=\"rotate(-90 %.1f %.1f)\">%s</text>\n",
                ox + 16, (y0 + y1) / 2, ox + 16, (y0 + y1) / 2, escape(p.yLabel())));
        int legend = 0;
        for (Series series : p.series()) {
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < series.x().length; i++) {
                double x = x0 + (x1 - x0) * series.x()[i] / xTop;
                double y = y0 - (y0 - y1) * series.y()[i] / yTop;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                s.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"/>\n", x, y,
                        series.color()));
            }
            s.append(String.format(Locale.ROOT,
                    "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"1.8\"%s/>\n",
                    points.toString().trim(), series.color(), series.dashed() ? " stroke-dasharray=\"5,4\"" : ""));
            double ly = y1 + 8 + 16 * legend++;
            line(s, x0 + 10, ly, x0 + 30, ly, series.color(), series.dashed());
            text(s, x0 + 35, ly + 4, series.name(), "start", 11, "normal");
        }
    }

    /** Ticks from 0 to at least {@code max}, 4 to 8 of them, at 1, 2 or 5 times a power of ten. */
    static double[] ticks(double max) {
        if (max <= 0) {
            return new double[] {0, 1};
        }
        double raw = max / 5;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = power;
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            step = m * power;
            if (max / step <= 6) {
                break;
            }
        }
        List<Double> ticks = new ArrayList<>();
        for (double t = 0; ; t += step) {
            ticks.add(t);
            if (t >= max - 1e-9 * max) {
                break;
            }
        }
        return ticks.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static String number(double v) {
        if (v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%,d", (long) v);
        }
        return String.format(Locale.ROOT, "%.1f", v);
    }

    private static void line(StringBuilder s, double x0, double y0, double x1, double y1, String color,
                             boolean dashed) {
        s.append(String.format(Locale.ROOT,
                "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1\"%s/>\n",
                x0, y0, x1, y1, color, dashed ? " stroke-dasharray=\"5,4\"" : ""));
    }

    private static void text(StringBuilder s, double x, double y, String text, String anchor, int size,
                             String weight) {
        s.append(String.format(Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\" font-weight=\"%s\">%s</text>\n",
                x, y, anchor, size, weight, escape(text)));
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
