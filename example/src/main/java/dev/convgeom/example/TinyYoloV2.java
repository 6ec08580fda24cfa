package dev.convgeom.example;

import dev.convgeom.Conv;
import dev.convgeom.Input;
import dev.convgeom.MaxPool;
import dev.convgeom.Network;
import dev.convgeom.Pad;

/**
 * Tiny YOLO v2 for VOC, as darknet's {@code cfg/yolov2-tiny-voc.cfg} (pjreddie/darknet) declares
 * it: a 416x416 input, six 3x3 convolutions each followed by a 2x2 max pooling (stride 2, the
 * last stride 1), two more 3x3 convolutions and a 1x1 one giving 5 anchors x (20 classes + 5)
 * = 125 channels on a 13x13 grid. Batch norm and leaky ReLUs are left out (no geometry).
 *
 * <p>darknet pads a max pooling by {@code size - 1} in all, starting at {@code -pad / 2}
 * ({@code src/maxpool_layer.c}): for 2x2 windows that is no padding before and one pixel after,
 * which only matters for the stride-1 pooling ({@code pad6} + {@code pool6}): it keeps 13x13 and
 * moves every centre by half a window, 16 pixels, which is why the cells are centred on 31.5 +
 * 32 u and not on YOLO's 15.5 + 32 u.
 */
@Network(input = @Input(channels = 3, height = 416, width = 416))
public class TinyYoloV2 {
    @Conv(out = 16, k = 3, p = 1)           Object conv1;
    @MaxPool(k = 2, s = 2)                  Object pool1;
    @Conv(out = 32, k = 3, p = 1)           Object conv2;
    @MaxPool(k = 2, s = 2)                  Object pool2;
    @Conv(out = 64, k = 3, p = 1)           Object conv3;
    @MaxPool(k = 2, s = 2)                  Object pool3;
    @Conv(out = 128, k = 3, p = 1)          Object conv4;
    @MaxPool(k = 2, s = 2)                  Object pool4;
    @Conv(out = 256, k = 3, p = 1)          Object conv5;
    @MaxPool(k = 2, s = 2)                  Object pool5;
    @Conv(out = 512, k = 3, p = 1)          Object conv6;
    @Pad(bottom = 1, right = 1)             Object pad6;
    @MaxPool(k = 2, s = 1)                  Object pool6;
    @Conv(out = 1024, k = 3, p = 1)         Object conv7;
    @Conv(out = 1024, k = 3, p = 1)         Object conv8;
    @Conv(out = 125, k = 1)                 Object conv9;
}
