package dev.convgeom.importer.caffe;

import dev.convgeom.importer.proto.CaffeProto.BiasParameter;
import dev.convgeom.importer.proto.CaffeProto.ConcatParameter;
import dev.convgeom.importer.proto.CaffeProto.ConvolutionParameter;
import dev.convgeom.importer.proto.CaffeProto.CropParameter;
import dev.convgeom.importer.proto.CaffeProto.EltwiseParameter;
import dev.convgeom.importer.proto.CaffeProto.InnerProductParameter;
import dev.convgeom.importer.proto.CaffeProto.InputParameter;
import dev.convgeom.importer.proto.CaffeProto.LRNParameter;
import dev.convgeom.importer.proto.CaffeProto.LayerParameter;
import dev.convgeom.importer.proto.CaffeProto.NetStateRule;
import dev.convgeom.importer.proto.CaffeProto.Phase;
import dev.convgeom.importer.proto.CaffeProto.PoolingParameter;
import dev.convgeom.importer.proto.CaffeProto.ReshapeParameter;
import dev.convgeom.importer.proto.CaffeProto.ScaleParameter;
import dev.convgeom.importer.proto.CaffeProto.SliceParameter;
import dev.convgeom.importer.proto.CaffeProto.SoftmaxParameter;
import dev.convgeom.importer.proto.CaffeProto.V1LayerParameter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One Caffe layer, from a current {@code layer { type: "Convolution" }} or a legacy V1
 * {@code layers { type: CONVOLUTION }} entry: both carry the same parameter messages, and V1's
 * upper-case type becomes the current name. {@code scale}, {@code bias} and {@code reshape} exist in
 * current files only.
 */
record CaffeLayer(String name, String type, List<String> bottoms, List<String> tops, boolean inTestPhase,
                  ConvolutionParameter conv, PoolingParameter pool, InnerProductParameter innerProduct,
                  ConcatParameter concat, EltwiseParameter eltwise, CropParameter crop, LRNParameter lrn,
                  SoftmaxParameter softmax, InputParameter input, ScaleParameter scale, BiasParameter bias,
                  ReshapeParameter reshape, SliceParameter slice) {

    /** V1 layer types with the names current files use for them. */
    private static final Map<String, String> V1_TYPES = Map.ofEntries(
            Map.entry("ABSVAL", "AbsVal"), Map.entry("BNLL", "BNLL"), Map.entry("CONCAT", "Concat"),
            Map.entry("CONVOLUTION", "Convolution"), Map.entry("DECONVOLUTION", "Deconvolution"),
            Map.entry("DROPOUT", "Dropout"), Map.entry("ELTWISE", "Eltwise"), Map.entry("EXP", "Exp"),
            Map.entry("FLATTEN", "Flatten"), Map.entry("INNER_PRODUCT", "InnerProduct"), Map.entry("LRN", "LRN"),
            Map.entry("MVN", "MVN"), Map.entry("POOLING", "Pooling"), Map.entry("POWER", "Power"),
            Map.entry("RELU", "ReLU"), Map.entry("SIGMOID", "Sigmoid"), Map.entry("SILENCE", "Silence"),
            Map.entry("SOFTMAX", "Softmax"), Map.entry("SPLIT", "Split"), Map.entry("SLICE", "Slice"),
            Map.entry("TANH", "TanH"), Map.entry("THRESHOLD", "Threshold"), Map.entry("DATA", "Data"),
            Map.entry("IMAGE_DATA", "ImageData"), Map.entry("HDF5_DATA", "HDF5Data"),
            Map.entry("MEMORY_DATA", "MemoryData"), Map.entry("DUMMY_DATA", "DummyData"),
            Map.entry("WINDOW_DATA", "WindowData"), Map.entry("SOFTMAX_LOSS", "SoftmaxWithLoss"),
            Map.entry("ACCURACY", "Accuracy"), Map.entry("ARGMAX", "ArgMax"));

    static CaffeLayer of(LayerParameter l) {
        return new CaffeLayer(l.getName(), l.getType(), l.getBottomList(), l.getTopList(),
                inTest(l.getIncludeList(), l.getExcludeList()) && (!l.hasPhase() || l.getPhase() == Phase.TEST),
                l.hasConvolutionParam() ? l.getConvolutionParam() : null,
                l.hasPoolingParam() ? l.getPoolingParam() : null,
                l.hasInnerProductParam() ? l.getInnerProductParam() : null,
                l.hasConcatParam() ? l.getConcatParam() : null, l.hasEltwiseParam() ? l.getEltwiseParam() : null,
                l.hasCropParam() ? l.getCropParam() : null, l.hasLrnParam() ? l.getLrnParam() : null,
                l.hasSoftmaxParam() ? l.getSoftmaxParam() : null, l.hasInputParam() ? l.getInputParam() : null,
                l.hasScaleParam() ? l.getScaleParam() : null, l.hasBiasParam() ? l.getBiasParam() : null,
                l.hasReshapeParam() ? l.getReshapeParam() : null, l.hasSliceParam() ? l.getSliceParam() : null);
    }

    static CaffeLayer of(V1LayerParameter l) {
        String v1 = l.getType().name();
        String type = V1_TYPES.getOrDefault(v1, v1.toLowerCase(Locale.ROOT));
        return new CaffeLayer(l.getName(), type, l.getBottomList(), l.getTopList(),
                inTest(l.getIncludeList(), l.getExcludeList()),
                l.hasConvolutionParam() ? l.getConvolutionParam() : null,
                l.hasPoolingParam() ? l.getPoolingParam() : null,
                l.hasInnerProductParam() ? l.getInnerProductParam() : null,
                l.hasConcatParam() ? l.getConcatParam() : null, l.hasEltwiseParam() ? l.getEltwiseParam() : null,
                null, l.hasLrnParam() ? l.getLrnParam() : null, l.hasSoftmaxParam() ? l.getSoftmaxParam() : null,
                null, null, null, null, l.hasSliceParam() ? l.getSliceParam() : null);
    }

    /**
     * Whether the layer runs at inference (Caffe's TEST phase): a layer with {@code include}
     * rules runs when one of them allows TEST, and not when an {@code exclude} rule names TEST.
     */
    private static boolean inTest(List<NetStateRule> include, List<NetStateRule> exclude) {
        for (NetStateRule rule : exclude) {
            if (rule.hasPhase() && rule.getPhase() == Phase.TEST) {
                return false;
            }
        }
        if (include.isEmpty()) {
            return true;
        }
        for (NetStateRule rule : include) {
            if (!rule.hasPhase() || rule.getPhase() == Phase.TEST) {
                return true;
            }
        }
        return false;
    }
}
