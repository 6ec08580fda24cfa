package dev.convgeom.detection;

import dev.convgeom.AxisGeometry;
import dev.convgeom.LayerGeometry;
import dev.convgeom.Ratio;
import dev.convgeom.Shape;

/** Hand-built feature maps for the detection tests (no processor in this module). */
final class Layers {

    private Layers() {
    }

    /**
     * A square map of {@code size x size} units over a square input, every unit's field
     * {@code [lo, hi]} moved by {@code jump * u}, centred on {@code center + jump * u}.
     */
    static LayerGeometry square(String name, int input, int size, Ratio jump, Ratio center, int lo, int hi) {
        AxisGeometry axis = AxisGeometry.uniform(input, size, jump, center, lo, hi);
        return new LayerGeometry(name, "Conv", new Shape(1, size, size), axis, axis, null, -1);
    }

    /**
     * Tiny YOLO v2's 13x13 output at 416x416 (pjreddie/darknet cfg/yolov2-tiny-voc.cfg). By hand,
     * per layer (k 3 p 1 convolutions; 2x2 stride-2 pools with no padding before; the sixth pool
     * 2x2 stride 1 with darknet's padding of 1 after, maxpool_layer.c: pad = size - 1, offset
     * -pad/2 = 0): the centre moves by (k - 1)/2 - pb jumps at each layer, 0 for the convolutions
     * and 1/2 jump for each pool: 1/2*1 + 1/2*2 + 1/2*4 + 1/2*8 + 1/2*16 + 1/2*32 = 31.5. The field
     * start moves by -pb*jump - ... : convolutions -1 jump each: -(1 + 2 + 4 + 8 + 16 + 32 + 32 + 32)
     * = -127; the end moves by +1 jump per convolution and +1 per pool:
     * (1+1) + (2+2) + (4+4) + (8+8) + (16+16) + (32+32) + 32 + 32 = 190.
     */
    static LayerGeometry tinyYoloV2() {
        return square("conv9", 416, 13, Ratio.of(32), Ratio.of(63, 2), -127, 190);
    }
}
