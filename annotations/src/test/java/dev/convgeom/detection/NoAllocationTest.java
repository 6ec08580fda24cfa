package dev.convgeom.detection;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.convgeom.LayerGeometry;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The writers fill the caller's array and allocate nothing: measured with the JVM's per-thread
 * allocation counter over 1000 calls each (one allocation per call would be at least 16 000
 * bytes). A count, not a timing.
 */
class NoAllocationTest {

    private static final int CALLS = 1000;

    @Test
    void writersAllocateNothing() {
        LayerGeometry grid = Layers.tinyYoloV2();
        Anchors own = Anchors.sizesAndRatios(new double[] {32, 64}, new double[] {0.5, 1, 2});
        SsdPriorBox ssd = SsdPriorBox.of(60, 111, 2, 3).withStep(32);
        TorchvisionAnchors tv = TorchvisionAnchors.of(new double[] {32}, new double[] {0.5, 1, 2});
        YoloAnchors yolo = YoloAnchors.inCells(1.08, 1.19, 3.42, 4.41);
        ImageTransform lb = ImageTransform.letterbox(dev.convgeom.Size.of(640, 480), dev.convgeom.Size.square(416));
        float[] f = new float[4 * 13 * 13 * 6];
        double[] d = new double[f.length];
        List<Runnable> writers = List.of(
                () -> own.write(grid, f),
                () -> own.write(grid, d),
                () -> ssd.write(grid, f),
                () -> tv.write(grid, f),
                () -> yolo.write(grid, f));
        for (Runnable w : writers) {
            assertAllocatesNothing(w);
        }
    }

    private static void assertAllocatesNothing(Runnable writer) {
        com.sun.management.ThreadMXBean bean = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().getId();
        for (int i = 0; i < CALLS; i++) {
            writer.run();
        }
        long before = bean.getThreadAllocatedBytes(id);
        for (int i = 0; i < CALLS; i++) {
            writer.run();
        }
        long allocated = bean.getThreadAllocatedBytes(id) - before;
        assertTrue(allocated < 4096, allocated + " bytes over " + CALLS + " calls");
    }
}
