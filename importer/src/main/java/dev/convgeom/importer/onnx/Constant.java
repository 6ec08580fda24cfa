package dev.convgeom.importer.onnx;

import com.google.protobuf.ByteString;
import dev.convgeom.importer.proto.OnnxProto.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * A tensor whose value is known at import: an initializer, a {@code Constant}, or the result of
 * shape arithmetic on them (exact once the input size is fixed). Only small tensors keep their
 * values; weights keep just their dimensions, which give the channel counts.
 *
 * @param dims   the dimensions
 * @param values the elements in row-major order, or null when not read (large, external, or of
 *               a type shape arithmetic does not use)
 */
record Constant(long[] dims, double[] values) {

    /** Tensors up to this many elements keep their values: enough for any shape, scale or pad list. */
    static final int MAX_VALUES = 4096;

    /** A one-dimensional constant of {@code values}. */
    static Constant vector(double... values) {
        return new Constant(new long[] {values.length}, values);
    }

    /** The constant an initializer or a {@code Constant} node holds; never reads external data. */
    static Constant of(TensorProto t) {
        long[] dims = t.getDimsList().stream().mapToLong(Long::longValue).toArray();
        long count = 1;
        for (long d : dims) {
            count *= d;
        }
        if (count > MAX_VALUES || t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            return new Constant(dims, null);
        }
        return new Constant(dims, read(t, (int) count));
    }

    private static double[] read(TensorProto t, int count) {
        int type = t.getDataType();
        ByteString raw = t.getRawData();
        double[] v = new double[count];
        if (!raw.isEmpty()) {
            ByteBuffer b = raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < count; i++) {
                switch (type) {
                    case 1 -> v[i] = b.getFloat();
                    case 11 -> v[i] = b.getDouble();
                    case 7, 13 -> v[i] = b.getLong();
                    case 6, 12 -> v[i] = b.getInt();
                    case 2, 9 -> v[i] = b.get() & 0xff;
                    case 3 -> v[i] = b.get();
                    default -> {
                        return null;
                    }
                }
            }
            return v;
        }
        switch (type) {
            case 1 -> copy(t.getFloatDataList().stream().mapToDouble(Float::doubleValue).toArray(), v);
            case 11 -> copy(t.getDoubleDataList().stream().mapToDouble(Double::doubleValue).toArray(), v);
            case 7 -> copy(t.getInt64DataList().stream().mapToDouble(Long::doubleValue).toArray(), v);
            case 2, 3, 6, 9 -> copy(t.getInt32DataList().stream().mapToDouble(Integer::doubleValue).toArray(), v);
            default -> {
                return null;
            }
        }
        return v;
    }

    private static void copy(double[] from, double[] to) {
        System.arraycopy(from, 0, to, 0, Math.min(from.length, to.length));
    }

    /** The number of elements. */
    long size() {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    /** The values as longs (shape arithmetic), or null when unknown. */
    long[] longs() {
        return values == null ? null : Arrays.stream(values).mapToLong(d -> (long) d).toArray();
    }
}
