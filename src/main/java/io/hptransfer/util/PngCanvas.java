package io.hptransfer.util;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** A white, antialiased image to draw one figure on, saved as PNG: the setup every plot shares. */
public final class PngCanvas {
    private final BufferedImage img;
    private final Graphics2D g;

    public PngCanvas(int width, int height) {
        img = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        g = img.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
    }

    public Graphics2D graphics() {
        return g;
    }

    public void save(Path png) throws IOException {
        g.dispose();
        ImageIO.write(img, "png", png.toFile());
    }
}
