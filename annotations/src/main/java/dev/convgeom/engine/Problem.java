package dev.convgeom.engine;

import java.util.List;

/**
 * A problem the engine found in a network, located by layer index and parameter so that
 * validation can report it at the offending annotation value.
 *
 * @param layer    index of the layer in the network, from 0
 * @param param    the parameter to blame
 * @param element  for an array attribute ({@code from}), the index of the element to blame, or -1
 * @param axis     the axis it concerns, or null
 * @param severity how bad it is (a message's default severity, or raised by strict mode)
 * @param message  which message
 * @param args     the message's arguments
 */
public record Problem(int layer, Param param, int element, Axis axis, Severity severity, GeometryMessage message,
                      List<Object> args) {

    public Problem {
        args = List.copyOf(args);
    }

    /** A problem with a parameter as a whole (not one element of an array attribute). */
    public Problem(int layer, Param param, Axis axis, Severity severity, GeometryMessage message, List<Object> args) {
        this(layer, param, -1, axis, severity, message, args);
    }

    public String text() {
        return message.format(args.toArray());
    }
}
