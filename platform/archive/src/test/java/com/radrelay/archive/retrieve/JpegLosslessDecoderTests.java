package com.radrelay.archive.retrieve;

import static org.assertj.core.api.Assertions.assertThat;

import com.radrelay.testing.Dcmtk;
import com.radrelay.testing.Studies;
import java.nio.file.Path;
import java.util.Random;
import org.dcm4che3.data.Attributes;
import org.dcm4che3.data.Fragments;
import org.dcm4che3.data.Tag;
import org.dcm4che3.data.UID;
import org.dcm4che3.io.DicomInputStream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Images compressed by DCMTK's dcmcjpeg decode back to exactly the original samples. */
class JpegLosslessDecoderTests {

    @TempDir Path dir;

    @ParameterizedTest(name = "{0}-bit, dcmcjpeg {1} {2}")
    @CsvSource({"16, +el, 1", "16, +el, 4", "16, +el, 5", "16, +el, 7", "8, +el, 6", "8, +el, 2", "16, +e1, 1"})
    void decodesWhatDcmtkEncoded(int bits, String mode, String selectionValue) throws Exception {
        Attributes ds = Studies.base(UID.SecondaryCaptureImageStorage, Studies.uid(), Studies.uid(), "OT", "Jpeg^Test",
                "J1");
        Studies.pixels(ds, 48, 40, bits, 1, new Random(bits * 31L + selectionValue.hashCode()));
        Path nativeFile = Studies.write(dir, ds);
        Path jpeg = dir.resolve("jpeg.dcm");
        Dcmtk.Result r = mode.equals("+e1")
                ? Dcmtk.run("dcmcjpeg", mode, nativeFile.toString(), jpeg.toString())
                : Dcmtk.run("dcmcjpeg", mode, "+sv", selectionValue, nativeFile.toString(), jpeg.toString());
        assertThat(r.ok()).as(r.output()).isTrue();
        byte[] stream;
        try (DicomInputStream in = new DicomInputStream(jpeg.toFile())) {
            stream = (byte[]) ((Fragments) in.readDataset().getValue(Tag.PixelData)).get(1);
        }
        JpegLosslessDecoder.Frame frame = JpegLosslessDecoder.decode(stream);
        assertThat(frame.rows()).isEqualTo(48);
        assertThat(frame.columns()).isEqualTo(40);
        assertThat(frame.toLittleEndianBytes()).isEqualTo(ds.getBytes(Tag.PixelData));
    }
}
