package io.hptransfer.model;

import io.hptransfer.param.LayerRule;
import io.hptransfer.param.ParamSpec;

/** One trainable tensor of a built model: DL4J layer name + parameter key, its spec and rule. */
public record TensorRole(String layer, String paramKey, ParamSpec spec, LayerRule rule) {
}
