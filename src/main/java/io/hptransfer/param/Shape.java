package io.hptransfer.param;

/**
 * Where a model sits relative to its base (proxy) shape: m_N = width/base_width,
 * m_L = depth/base_depth. At (1, 1) every muP variant equals SP exactly.
 */
public record Shape(double widthMult, double depthMult) {
    public Shape {
        if (!(widthMult > 0) || !(depthMult > 0)) {
            throw new IllegalArgumentException("width and depth multipliers must be > 0, got m_N="
                    + widthMult + ", m_L=" + depthMult);
        }
    }

    public static Shape of(int width, int baseWidth, int depth, int baseDepth) {
        if (baseWidth <= 0 || baseDepth <= 0) {
            throw new IllegalArgumentException("base width and base depth must be >= 1 (got "
                    + baseWidth + ", " + baseDepth + ")");
        }
        return new Shape((double) width / baseWidth, (double) depth / baseDepth);
    }
}
