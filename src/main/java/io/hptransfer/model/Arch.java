package io.hptransfer.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/** The model families; spelled resnet / vit / user in specs, options and config.json. */
public enum Arch {
    RESNET("resnet"), VIT("vit"),
    /** A user's model family class (UserModelConfig, in the mup package). */
    USER("user");

    private final String key;

    Arch(String key) {
        this.key = key;
    }

    @JsonValue
    public String key() {
        return key;
    }

    @JsonCreator
    public static Arch parse(String s) {
        for (Arch a : values()) if (a.key.equalsIgnoreCase(s == null ? "" : s.trim())) return a;
        throw new IllegalArgumentException("unknown arch '" + s + "': use " + String.join(" or ",
                Arrays.stream(values()).map(Arch::key).toList()));
    }

    @Override
    public String toString() {
        return key;
    }
}
