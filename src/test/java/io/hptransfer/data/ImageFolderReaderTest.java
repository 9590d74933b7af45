package io.hptransfer.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ImageFolderReaderTest {

    private static void png(Path p, Color c, int size) throws Exception {
        Files.createDirectories(p.getParent());
        BufferedImage img = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(c);
        g.fillRect(0, 0, size, size);
        g.dispose();
        ImageIO.write(img, "png", p.toFile());
    }

    @Test
    void classFoldersAreResizedToRgbAndLabelledBySortedFolderName(@TempDir Path root) throws Exception {
        for (int i = 0; i < 3; i++) {
            png(root.resolve("train/red/" + i + ".png"), Color.RED, 40);
            png(root.resolve("train/blue/" + i + ".png"), Color.BLUE, 50);
        }
        png(root.resolve("val/red/x.png"), Color.RED, 20);
        TrainTest tt = ImageFolderReader.load(root, 16);
        assertEquals(6, tt.train().size());
        assertEquals(1, tt.test().size());
        assertEquals(2, tt.train().numClasses());
        assertEquals(3 * 16 * 16, tt.train().pixelsPerImage());
        // classes sorted: blue = 0, red = 1; the test image is red: R plane 1, B plane 0
        assertEquals(1, tt.test().labels()[0]);
        assertEquals(1.0, tt.test().images().getDouble(0, 0), 1e-6, "R channel first");
        assertEquals(0.0, tt.test().images().getDouble(0, 2 * 256), 1e-6, "B channel last");
        int reds = 0;
        for (int l : tt.train().labels()) reds += l;
        assertEquals(3, reds);
    }

    @Test
    void missingSplitsAreReported(@TempDir Path root) {
        DataException e = assertThrows(DataException.class, () -> ImageFolderReader.load(root, 32));
        assertTrue(e.getMessage().contains("train/<class>/"), e.getMessage());
    }
}
