package com.radrelay.ingest.photo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Camera JPEGs: metadata cut out without touching the image, rotated photos turned upright. */
class JpegTests {

    @Test
    void anUprightPhotoLosesItsExifAndKeepsEveryOtherByte() throws Exception {
        byte[] plain = photo();
        byte[] camera = withExif(plain, 1);

        Jpeg jpeg = Jpeg.forDicom(camera);

        assertThat(jpeg.bytes()).isEqualTo(plain);
        assertThat(new String(jpeg.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain("Exif", "SN-4711", "GPS");
        assertThat(jpeg.width()).isEqualTo(40);
        assertThat(jpeg.height()).isEqualTo(20);
        assertThat(jpeg.components()).isEqualTo(3);
    }

    @Test
    void aPhotoStoredRotatedIsTurnedUpright() throws Exception {
        // Orientation 6: the camera was turned a quarter clockwise; the red left half belongs at the top.
        Jpeg jpeg = Jpeg.forDicom(withExif(photo(), 6));

        assertThat(jpeg.width()).isEqualTo(20);
        assertThat(jpeg.height()).isEqualTo(40);
        BufferedImage upright = ImageIO.read(new ByteArrayInputStream(jpeg.bytes()));
        assertThat(new Color(upright.getRGB(10, 5)).getRed()).isGreaterThan(200);
        assertThat(new Color(upright.getRGB(10, 35)).getRed()).isLessThan(60);
        assertThat(new String(jpeg.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain("SN-4711");
    }

    @Test
    void aFileThatIsNotAJpegIsRefusedClearly() {
        assertThatThrownBy(() -> Jpeg.forDicom("%PDF-1.4".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a JPEG photo");
    }

    /** A 40x20 baseline JPEG, red on the left half and blue on the right, as ImageIO writes it (JFIF, no EXIF). */
    private static byte[] photo() throws Exception {
        BufferedImage image = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 20, 20);
        g.setColor(Color.BLUE);
        g.fillRect(20, 0, 20, 20);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "jpeg", out);
        return out.toByteArray();
    }

    /** The photo with an EXIF segment after SOI: orientation, and a serial number and GPS text that must go. */
    private static byte[] withExif(byte[] jpeg, int orientation) {
        ByteArrayOutputStream tiff = new ByteArrayOutputStream();
        tiff.writeBytes(new byte[] {'M', 'M', 0, 42, 0, 0, 0, 8});
        tiff.writeBytes(new byte[] {0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, 0, 0, 0, 0});
        tiff.writeBytes("SN-4711 GPSLatitude -1.2921".getBytes(StandardCharsets.US_ASCII));
        byte[] body = tiff.toByteArray();
        int length = 2 + 6 + body.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(Arrays.copyOf(jpeg, 2));
        out.writeBytes(new byte[] {(byte) 0xFF, (byte) 0xE1, (byte) (length >> 8), (byte) length});
        out.writeBytes(new byte[] {'E', 'x', 'i', 'f', 0, 0});
        out.writeBytes(body);
        out.writeBytes(Arrays.copyOfRange(jpeg, 2, jpeg.length));
        return out.toByteArray();
    }
}
