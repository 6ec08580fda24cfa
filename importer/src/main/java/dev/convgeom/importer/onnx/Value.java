package dev.convgeom.importer.onnx;

import dev.convgeom.Shape;
import dev.convgeom.importer.proto.OnnxProto.NodeProto;

/**
 * What a tensor the graph computes is, as {@link OnnxImporter} follows it: a feature map or a
 * constant, or one of the intermediate kinds that exist only between the nodes of one declared
 * pattern. A reader of an operator checks which kind each input is and refuses the others.
 */
sealed interface Value {

    /**
     * A feature map written by layer {@code layer} (-1: the input), or the same map flattened to
     * {@code N x CHW} ({@code flat}), which only a fully connected layer or a unit-by-unit one reads.
     */
    record FeatureMap(int layer, Shape shape, boolean flat) implements Value {
    }

    /** A constant. */
    record Known(Constant constant) implements Value {
    }

    /**
     * A feature map transposed to {@code N x H x W x C} (ConvNeXt's LayerNorm2d and blocks):
     * {@code map} is the layer that wrote it, its shape still C x H x W. Only what keeps each unit
     * at its row and column may read it (unit-by-unit operators, constants along the channels,
     * merges in the same layout, statistics and MatMuls over the channels, the Transpose back):
     * {@code OnnxImporter.followsChannelsLast}.
     */
    record ChannelsLast(FeatureMap map) implements Value {
    }

    /**
     * A statistic over the channels of each unit of {@code map} ({@code ReduceMean} over the channel
     * axis, keeping it as one channel), in channels-last layout when {@code last}, or a unit-by-unit
     * function of one: each of its units reads exactly the units of {@code map} at its row and
     * column, so where it is broadcast back over the channels of a map of the same rows and columns
     * it adds {@code map} to what that map's units read, nothing else.
     */
    record ChannelStat(FeatureMap map, boolean last) implements Value {
    }

    /**
     * A feature map reshaped to {@code N x groups x (C/groups * H * W)}, the first step of a group
     * normalisation as exported before opset 18 ({@code reshape} is that node): an
     * InstanceNormalization of it has statistics over whole groups of channels, each over all rows
     * and columns; the Reshape back to {@code N x C x H x W} makes it a map again.
     */
    record GroupsFlat(FeatureMap map, int groups, NodeProto reshape) implements Value {
    }

    /**
     * One channel picked by a {@code Gather} with a scalar index, {@code N x H x W} (its channel axis
     * gone): {@code map} is its {@code @Channels} layer; an {@code Unsqueeze} of axis 1 makes it a map.
     */
    record Picked(FeatureMap map) implements Value {
    }

    /**
     * A feature map reshaped to {@code N x groups x C/groups x H x W}, the first step of a channel
     * shuffle; {@code swapped} once a {@code Transpose} has exchanged the two channel axes
     * ({@code reshape} and {@code transpose} are those nodes). Only the reshape back to {@code N x C x H x W} makes it a
     * map again, as a {@code @ChannelShuffle}.
     */
    record Grouped(FeatureMap map, int groups, boolean swapped, NodeProto reshape, NodeProto transpose)
            implements Value {
    }

    /**
     * A feature map reshaped to the six axes of a pixel unshuffle or shuffle by {@code r}
     * ({@link PixelShuffles#blocks}), {@code transposed} once the Transpose between its Reshapes
     * has run; only the Reshape back to four axes makes it a map again, as one layer.
     */
    record Blocks(FeatureMap map, int r, boolean shuffle, boolean transposed, NodeProto reshape,
                          NodeProto transpose) implements Value {
    }
}
