package dev.convgeom.example;

import dev.convgeom.Box;
import dev.convgeom.LayerGeometry;
import dev.convgeom.LayerMap;
import dev.convgeom.LayerSpec;
import dev.convgeom.Point;
import dev.convgeom.Resize;
import dev.convgeom.Size;
import dev.convgeom.UnitRange;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Prints the geometry the processor computed for the example networks at compile time, then
 * walks through what a user does with it: relate CaffeNet's conv5 units to image pixels and back,
 * and map between layers; last, the networks whose layers branch and merge (GoogLeNet, ResNet-50,
 * FCN), with the crop offsets the processor found and an exact map between two FCN layers.
 * Everything printed comes from the generated {@code *Geometry} classes; nothing is computed here.
 *
 * <p>Run from the top level: {@code mvn -q -B -pl example -am package exec:java -DskipTests}.
 */
public final class Main {

    /** Layers that leave the geometry as it is: in the tables they would repeat the row above. */
    private static final Set<String> NEUTRAL = Set.of("Relu", "Sigmoid", "Tanh", "BatchNorm", "Dropout", "Lrn",
            "Softmax");

    private Main() {
    }

    public static void main(String[] args) {
        System.out.println("Geometry computed at compile time (activations, normalization, dropout and softmax");
        System.out.println("change nothing and are left out; rf, jump and centre are in input pixels, y before x).");
        table("CaffeNet", CaffeNetGeometry.INPUT, CaffeNetGeometry.layers());
        table("VGG-16", Vgg16Geometry.INPUT, Vgg16Geometry.layers());
        table("MobileNet v1", MobileNetV1Geometry.INPUT, MobileNetV1Geometry.layers());
        caffeNetWalkthrough();
        slidingWindow();
        graphs();
        pyramid();
        Detection.run(System.out, Detection.defaultSvg());
    }

    /**
     * The feature pyramid: three declared outputs, each with its static shortcuts, and the offset
     * of nearest upsampling that its top-down adds accept with allowMisaligned.
     */
    private static void pyramid() {
        System.out.println();
        System.out.println("8. A feature pyramid (Fpn): @Network(outputs = {\"p3\", \"p4\", \"p5\"}), shortcuts for each output");
        for (LayerGeometry level : FpnGeometry.outputs()) {
            System.out.printf(Locale.ROOT, "   %-3s %-10s jump %-3s field of unit (0, 0) %s%n", level.name(), level.output(),
                    number(level.x().jump()), box(level.receptiveField(0, 0)));
        }
        System.out.printf(Locale.ROOT, "   p3MapToInput(4, 2) = %s, p4MapToInput(4, 2) = %s, p5ClippedReceptiveField(7, 7) = %s%n",
                point(FpnGeometry.p3MapToInput(4, 2)), point(FpnGeometry.p4MapToInput(4, 2)),
                box(FpnGeometry.p5ClippedReceptiveField(7, 7)));
        System.out.printf(Locale.ROOT, "   nearest upsampling: up5 unit 0 is centred on %s, lateral4's on %s: %s pixels,"
                        + " half a unit of jump 16%n", number(FpnGeometry.UP5.x().center()),
                number(FpnGeometry.LATERAL4.x().center()),
                number(FpnGeometry.LATERAL4.x().center() - FpnGeometry.UP5.x().center()));
    }

    /**
     * The branching networks, a few layers each (every layer is in the generated classes): where
     * GoogLeNet's modules and ResNet's blocks leave the resolution, the field and the centre; then
     * FCN's crops, whose offsets the processor found; then one map between two FCN layers that
     * lie on different paths.
     */
    private static void graphs() {
        System.out.println();
        System.out.println("7. Graphs: branches, merges, upsampling and crops (a few layers of each; the period is");
        System.out.println("   how many units it takes for the fields to repeat: 1 in a chain, more after upsampling)");
        table("GoogLeNet (Caffe bvlc_googlenet)", GoogLeNetGeometry.INPUT, GoogLeNetGeometry.layers(),
                Set.of("conv1_7x7_s2", "pool2_3x3_s2", "inception_3a_5x5", "inception_3a_output", "inception_3b_output",
                        "inception_4a_output", "inception_4e_output", "inception_5b_output", "pool5_7x7_s1"));
        table("ResNet-50 (Caffe, He et al.)", ResNet50Geometry.INPUT, ResNet50Geometry.layers(),
                Set.of("conv1", "pool1", "res2c", "res3a_branch1", "res3a_branch2c", "res3a", "res3d", "res4f", "res5c",
                        "pool5"));
        table("FCN-8s (PASCAL VOC)", Fcn8sGeometry.INPUT, Fcn8sGeometry.layers(),
                Set.of("pool3", "pool4", "score_fr", "upscore2", "score_pool4", "score_pool4c", "fuse_pool4",
                        "upscore_pool4", "score_pool3c", "fuse_pool3", "upscore8", "score"));

        System.out.println();
        System.out.println("   FCN crops: the offsets the processor computed (the unit (x, y) of the cropped map where it starts)");
        crops("FCN-32s", Fcn32sGeometry.layers());
        crops("FCN-16s", Fcn16sGeometry.layers());
        crops("FCN-8s", Fcn8sGeometry.layers());

        System.out.println("   From any layer to any other, exactly: mappingTo (here across the skip connection of FCN-8s)");
        LayerMap skip = Fcn8sGeometry.SCORE_POOL4.mappingTo(Fcn8sGeometry.UPSCORE2);
        System.out.println("   " + skip);
        System.out.printf(Locale.ROOT, "   score_pool4 (5, 5) is upscore2 %s: the crop's offset; score_pool4 (20, 12) is upscore2 %s%n",
                point(skip.apply(5, 5)), point(skip.apply(20, 12)));
        LayerMap coarse = Fcn8sGeometry.SCORE_FR.mappingTo(Fcn8sGeometry.SCORE);
        System.out.println("   " + coarse);
        System.out.printf(Locale.ROOT, "   so score_fr (3, 2) is centred on %s of the final map, whose units are the input's pixels%n",
                point(coarse.apply(3, 2)));
    }

    /** Every crop of a network: what it crops, like what, and the offset the processor computed. */
    private static void crops(String title, List<LayerGeometry> layers) {
        for (LayerGeometry l : layers) {
            LayerSpec spec = l.spec();
            if (spec.kind().equals("Crop")) {
                Resize crop = spec.resize();
                System.out.printf(Locale.ROOT, "   %-8s %-13s %-12s like %-14s starts at unit (%d, %d)%n", title,
                        l.name(), spec.from().get(0), crop.like(), crop.offsetX(), crop.offsetY());
            }
        }
    }

    /**
     * The seed's sliding window: CaffeNet's fully connected layers as convolutions, run on a
     * 451x451 image, give an 8x8 map of scores, each the network's answer for one 355x355 window
     * (reaching into the padding near the border), 32 pixels apart.
     */
    private static void slidingWindow() {
        System.out.println();
        System.out.println("6. CaffeNet convolutionalized: fully connected layers as convolutions, on any input size");
        for (LayerSpec layer : CaffeNetGeometry.fullyConvolutional()) {
            if (layer.kind().equals("Conv") && layer.name().startsWith("fc")) {
                System.out.println("   " + layer);
            }
        }
        Size min = CaffeNetGeometry.minInputSize();
        Size exact = CaffeNetGeometry.nextExactSize(Size.of(400, 400));
        System.out.printf(Locale.ROOT, "   smallest input %s; exact sizes 227 + 32k (from 400: %d, exact: %b)%n",
                min, exact.width(), CaffeNetGeometry.isExact(Size.of(451, 451)));
        List<LayerGeometry> big = CaffeNetGeometry.forInput(Size.of(451, 451));
        LayerGeometry scores = big.get(big.size() - 1);
        System.out.printf(Locale.ROOT, "   on 451x451: %s score map %s; cell (x, y) sees this image window:%n",
                scores.name(), scores.output());
        for (int y = 0; y < scores.output().height(); y++) {
            Box row = scores.clippedReceptiveField(0, y);
            StringBuilder columns = new StringBuilder();
            for (int x = 0; x < scores.output().width(); x++) {
                Box cell = scores.clippedReceptiveField(x, y);
                columns.append(x == 0 ? "" : " ").append(cell.left()).append("..").append(cell.right());
            }
            System.out.printf(Locale.ROOT, "   y=%d rows %3d..%3d, columns x=0..7: %s%n", y, row.top(), row.bottom(),
                    columns);
        }
        System.out.printf(Locale.ROOT, "   (unclipped, cell (0, 0) sees %s, centred on %s)%n",
                box(scores.receptiveField(0, 0)), point(scores.mapToInput(0, 0)));
    }

    private static void table(String title, LayerGeometry input, List<LayerGeometry> layers) {
        System.out.printf(Locale.ROOT, "%n%s, input %s%n", title, input.output());
        System.out.printf(Locale.ROOT, "  %-12s %-15s %-13s %-9s %-7s %s%n",
                "layer", "kind", "output CxHxW", "rf", "jump", "centre (y, x)");
        for (LayerGeometry l : layers) {
            if (NEUTRAL.contains(l.kind())) {
                continue;
            }
            System.out.printf(Locale.ROOT, "  %-12s %-15s %-13s %-9s %-7s (%s, %s)%n",
                    l.name(), l.kind(), l.output(), l.rfHeight() + "x" + l.rfWidth(),
                    number(l.y().jump()) + "x" + number(l.x().jump()),
                    number(l.y().center()), number(l.x().center()));
        }
    }

    /**
     * The layers of a graph named in {@code only}, in declaration order, with the layers each reads
     * and the exact jump, centre and period (square networks: one axis, y, stands for both).
     */
    private static void table(String title, LayerGeometry input, List<LayerGeometry> layers, Set<String> only) {
        System.out.printf(Locale.ROOT, "%n   %s, input %s%n", title, input.output());
        System.out.printf(Locale.ROOT, "   %-20s %-8s %-12s %-4s %-5s %-7s %-6s %s%n",
                "layer", "kind", "output", "rf", "jump", "centre", "period", "reads");
        for (LayerGeometry l : layers) {
            if (!only.contains(l.name())) {
                continue;
            }
            System.out.printf(Locale.ROOT, "   %-20s %-8s %-12s %-4d %-5s %-7s %-6d %s%n",
                    l.name(), l.kind(), l.output(), l.rfHeight(), l.y().exactJump(), l.y().exactCenter(),
                    l.y().period(), String.join(", ", l.spec().from()));
        }
    }

    private static void caffeNetWalkthrough() {
        LayerGeometry conv5 = CaffeNetGeometry.CONV5;
        LayerGeometry pool5 = CaffeNetGeometry.POOL5;
        System.out.println();
        System.out.println("Using CaffeNetGeometry (x = column, y = row, pixel centres at integer coordinates)");

        System.out.println("1. conv5 units in the image: mapToInput (field centre), receptiveField (unclipped),");
        System.out.println("   clippedReceptiveField (the image pixels it actually reads)");
        int[][] units = {{0, 0}, {6, 6}, {12, 3}};
        for (int[] u : units) {
            Point centre = conv5.mapToInput(u[0], u[1]);
            System.out.printf(Locale.ROOT, "   conv5 (%2d, %2d): centre %-12s field %-32s in image %s%n",
                    u[0], u[1], point(centre), box(conv5.receptiveField(u[0], u[1])),
                    box(conv5.clippedReceptiveField(u[0], u[1])));
        }

        System.out.println("2. An image pixel to conv5 units: mapFromInput");
        double[][] pixels = {{100, 60}, {0, 0}, {226, 226}};
        for (double[] p : pixels) {
            UnitRange r = conv5.mapFromInput(p[0], p[1]);
            System.out.printf(Locale.ROOT,
                    "   pixel %-10s nearest unit (%d, %d); fields containing it: x %d..%d, y %d..%d (%d units)%n",
                    point(new Point(p[0], p[1])), r.nearestX(), r.nearestY(), r.firstX(), r.lastX(),
                    r.firstY(), r.lastY(), r.count());
        }

        System.out.println("3. Between layers: mapTo (through the input frame, results may be fractional)");
        System.out.printf(Locale.ROOT, "   conv5 (6, 6) is pool5 %s; pool5 (2, 2) is conv5 %s; conv1 (27, 27) is conv5 %s%n",
                point(conv5.mapTo(pool5, 6, 6)), point(pool5.mapTo(conv5, 2, 2)),
                point(CaffeNetGeometry.CONV1.mapTo(conv5, 27, 27)));

        System.out.println("4. A whole map at once, into a preallocated array: receptiveFields(int[])");
        int[] fields = new int[4 * conv5.output().height() * conv5.output().width()];
        conv5.receptiveFields(fields);
        int width = conv5.output().width();
        for (int[] u : units) {
            int i = 4 * (u[1] * width + u[0]);
            String ltrb = "{" + fields[i] + ", " + fields[i + 1] + ", " + fields[i + 2] + ", " + fields[i + 3] + "}";
            System.out.printf(Locale.ROOT, "   fields[%3d..%3d] = %-20s conv5 (%d, %d): left, top, right, bottom%n",
                    i, i + 3, ltrb, u[0], u[1]);
        }
        System.out.printf(Locale.ROOT, "   %d ints for %dx%d units; centers(double[]) does the same for centres%n",
                fields.length, conv5.output().height(), width);

        System.out.println("5. The final layer (fully connected layers taken as convolutions), on the class itself");
        System.out.printf(Locale.ROOT, "   %s: CaffeNetGeometry.mapToInput(0, 0) = %s, receptiveField(0, 0) = %s%n",
                CaffeNetGeometry.output().name(), point(CaffeNetGeometry.mapToInput(0, 0)),
                box(CaffeNetGeometry.receptiveField(0, 0)));
        // The constant's map is the declared 1x1: a larger input's cells come from forInput.
        List<LayerGeometry> wider = CaffeNetGeometry.forInput(Size.of(259, 227));
        LayerGeometry cells = wider.get(wider.size() - 1);
        System.out.printf(Locale.ROOT, "   on a 259x227 input (forInput) it is a %s score map; cell (1, 0) is centred on %s%n",
                cells.output(), point(cells.mapToInput(1, 0)));
    }

    /** (x, y), without a trailing ".0" on whole numbers. */
    private static String point(Point p) {
        return "(" + number(p.x()) + ", " + number(p.y()) + ")";
    }

    /** Columns and rows, inclusive, with the size. */
    private static String box(Box b) {
        if (b.isEmpty()) {
            return "empty";
        }
        return "x " + b.left() + ".." + b.right() + ", y " + b.top() + ".." + b.bottom()
                + " (" + b.width() + "x" + b.height() + ")";
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }
}
