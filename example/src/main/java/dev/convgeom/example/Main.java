package dev.convgeom.example;

import dev.convgeom.Box;
import dev.convgeom.LayerGeometry;
import dev.convgeom.LayerMap;
import dev.convgeom.LayerSpec;
import dev.convgeom.Point;
import dev.convgeom.Resize;
import dev.convgeom.Shape;
import dev.convgeom.UnitRange;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Prints the geometry the processor computed for the example networks at compile time, then
 * walks through what a user does with it: relate CaffeNet's conv5 units to image pixels and back,
 * and map between layers. Everything printed comes from the generated {@code *Geometry} classes;
 * nothing is computed here.
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
        System.out.println("   FCN crops: the offsets the processor computed (the unit (y, x) of the cropped map where it starts)");
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
                        l.name(), spec.from().get(0), crop.like(), crop.offsetY(), crop.offsetX());
            }
        }
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
