package io.hptransfer.param;

/**
 * What a parameter tensor is, for scaling purposes. muP treats a tensor by how many of its
 * dimensions grow with width ("infinite" dims): two = hidden, fan-out only = input/vector,
 * fan-in only = readout, none = readout bias.
 */
public enum Role {
    /** Stem conv, patch/positional embedding: finite fan-in, width-sized fan-out. */
    INPUT,
    /** Conv/linear with width on both sides: branch convs, transition convs, Q/K/V/O, MLP. */
    HIDDEN,
    /** Width-sized vectors: biases, norm gains and biases. */
    VECTOR,
    /** Last layer: width-sized fan-in, finite fan-out (classes). */
    READOUT,
    /** Readout bias: no width dimension at all. */
    READOUT_BIAS
}
